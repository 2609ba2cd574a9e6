package io.feedbackloop.churn.winloss;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.feedbackloop.churn.system.NotFoundException;
import io.feedbackloop.contracts.WinLossRecorded;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/win-loss}: record why business was won or lost; read a customer's records. */
@RestController
@RequestMapping("/api/v1/win-loss")
class WinLossController {

	private final WinLossLog log;

	WinLossController(WinLossLog log) {
		this.log = log;
	}

	/**
	 * {@code 201} with the new record; with an {@code Idempotency-Key} used before for the same record of
	 * the customer, {@code 200} with the original record (nothing published again); used for a different
	 * record, {@code 409 idempotency-key-reused}.
	 */
	@PostMapping
	ResponseEntity<WinLossRecorded> record(@RequestBody WinLossRequest request,
			@RequestHeader(name = WinLossLog.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		WinLossLog.Recorded recorded = this.log.record(request, idempotencyKey);
		URI location = URI.create("/api/v1/win-loss/" + recorded.record().recordId());
		return recorded.repeat() ? ResponseEntity.ok().location(location).body(recorded.record())
				: ResponseEntity.created(location).body(recorded.record());
	}

	@GetMapping
	List<Map<String, Object>> forCustomer(@RequestParam String customerId) {
		return this.log.forCustomer(customerId);
	}

	@GetMapping("/{recordId}")
	Map<String, Object> get(@PathVariable String recordId) {
		return this.log.find(recordId).orElseThrow(() -> new NotFoundException("No win/loss record " + recordId));
	}

}
