package io.feedbackloop.notification.delivery;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What was sent to whom, for agents ("did the customer get our answer?") and analysts. */
@RestController
@RequestMapping("/api/v1/deliveries")
class DeliveryController {

	private final DeliveryLog deliveries;

	DeliveryController(DeliveryLog deliveries) {
		this.deliveries = deliveries;
	}

	/**
	 * The deliveries of a case, of a customer, or of a customer's case when both are given, optionally
	 * only those for one audience ({@code customer}, {@code staff}, {@code system}); oldest first.
	 */
	@GetMapping
	List<Delivery> find(@RequestParam(required = false) @Nullable String caseId,
			@RequestParam(required = false) @Nullable String customerId,
			@RequestParam(required = false) @Nullable String audience) {
		if (!StringUtils.hasText(caseId) && !StringUtils.hasText(customerId)) {
			throw InvalidDeliveryQueryException.noCriterion();
		}
		Audience only = null;
		if (StringUtils.hasText(audience)) {
			try {
				only = Audience.fromWire(audience);
			}
			catch (IllegalArgumentException ex) {
				throw InvalidDeliveryQueryException.unknownAudience(audience);
			}
		}
		return this.deliveries.findBy(StringUtils.hasText(caseId) ? caseId : null,
				StringUtils.hasText(customerId) ? customerId : null, only);
	}

}
