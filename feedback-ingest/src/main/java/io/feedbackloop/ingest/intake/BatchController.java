package io.feedbackloop.ingest.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.intake.IntakeService.BatchEntry;
import io.feedbackloop.ingest.intake.IntakeService.ItemResult;
import io.feedbackloop.ingest.security.ApiClient;
import io.feedbackloop.ingest.security.ChannelNotAllowedException;
import io.feedbackloop.ingest.security.RateLimitedException;
import io.feedbackloop.ingest.web.ApiDocs;
import io.feedbackloop.ingest.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/feedback/batch}: up to 500 records in one request, for systems that upload in
 * bulk. Each record is read, checked, deduplicated and published on its own and gets its own result;
 * a bad record never fails the good ones, and a record Kafka did not acknowledge is reported 503,
 * never left out.
 */
@RestController
class BatchController {

	private final FeedbackValidator validator;

	private final IntakeService intake;

	private final IntakeMetrics metrics;

	private final Problems problems;

	private final JsonMapper json;

	private final int maxBatchSize;

	private final long maxRecordSize;

	BatchController(FeedbackValidator validator, IntakeService intake, IntakeMetrics metrics, Problems problems,
			JsonMapper json, IngestProperties properties) {
		this.validator = validator;
		this.intake = intake;
		this.metrics = metrics;
		this.problems = problems;
		this.json = json;
		this.maxBatchSize = properties.maxBatchSize();
		this.maxRecordSize = properties.maxBodySize().toBytes();
	}

	@Operation(summary = "Submit up to 500 records / 批量提交（最多 500 条）", description = ApiDocs.BATCH,
			responses = {
					@ApiResponse(responseCode = "200",
							description = "Every record accepted or a repeat / 全部受理或重复提交",
							content = @Content(mediaType = "application/json",
									examples = @ExampleObject(name = "mixed", value = ApiDocs.BATCH_RESULT))),
					@ApiResponse(responseCode = "207",
							description = "Some records refused or not stored; see each result / 部分记录被拒绝或未能保存，见各条结果"),
					@ApiResponse(responseCode = "400", description = ApiDocs.R400),
					@ApiResponse(responseCode = "401", description = ApiDocs.R401),
					@ApiResponse(responseCode = "413", description = ApiDocs.R413),
					@ApiResponse(responseCode = "429", description = ApiDocs.R429) })
	@PostMapping(path = "/api/v1/feedback/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<BatchResult> submit(@io.swagger.v3.oas.annotations.parameters.RequestBody(
			description = ApiDocs.BATCH_BODY,
			content = @Content(mediaType = "application/json",
					examples = @ExampleObject(name = "batch", value = ApiDocs.BATCH_EXAMPLE))) @RequestBody JsonNode body,
			@Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
		JsonNode records = body.path("records");
		if (!records.isArray() || records.isEmpty() || records.size() > this.maxBatchSize) {
			throw new InvalidFeedbackException(null, List.of(new InvalidFeedbackException.FieldError("records",
					"must be an array of 1 to " + this.maxBatchSize + " feedback records")));
		}
		// A batch costs one permit per record, so one larger than the client's burst never fits: refused
		// as a bad request (400, not 429: waiting would not help), whatever the bucket holds now.
		int burst = client.rateLimit().capacity();
		if (records.size() > burst) {
			throw new InvalidFeedbackException(null,
					List.of(new InvalidFeedbackException.FieldError("records",
							"must hold at most " + burst + " records for this client")),
					"The batch has " + records.size() + " records, more than this client's burst of " + burst
							+ ": a batch costs one rate-limit permit per record, so it would never be let through."
							+ " Send at most " + burst + " records per batch.");
		}
		// The request already took one permit; the rest of the records take theirs, all or none.
		if (records.size() > 1) {
			Duration wait = client.rateLimit().tryTake(records.size() - 1);
			if (!wait.isZero()) {
				throw new RateLimitedException(client, wait);
			}
		}
		Item[] items = new Item[records.size()];
		List<BatchEntry> entries = new ArrayList<>();
		List<Integer> entryIndex = new ArrayList<>();
		for (int i = 0; i < records.size(); i++) {
			// A record over the single endpoint's body limit gets the 413 it would get alone (and never
			// reaches Kafka, whose request size limit would make it a 503 worth retrying for ever).
			if (this.json.writeValueAsBytes(records.get(i)).length > this.maxRecordSize) {
				items[i] = refused(i, this.problems.tooLarge(this.maxRecordSize), null, null);
				continue;
			}
			try {
				BatchEntry entry = read(records.get(i));
				entries.add(entry);
				entryIndex.add(i);
			}
			catch (InvalidFeedbackException ex) {
				items[i] = refused(i, ex, ex.channel());
			}
			catch (JacksonException | IllegalArgumentException ex) {
				items[i] = refused(i, this.problems.unreadable(ex), null, null);
			}
		}
		List<ItemResult> results = this.intake.acceptAll(client, entries);
		for (int n = 0; n < results.size(); n++) {
			int index = entryIndex.get(n);
			ItemResult result = results.get(n);
			AcceptedFeedback accepted = result.accepted();
			if (accepted != null) {
				items[index] = new Item(index, accepted.duplicate() ? 200 : 202, accepted.feedbackId(),
						accepted.receivedAt(), null);
			}
			else {
				items[index] = refused(index, result.error(), entries.get(n).feedback().channel());
			}
		}
		return answer(List.of(items));
	}

	private BatchEntry read(JsonNode record) {
		if (!record.isObject()) {
			throw new InvalidFeedbackException(null,
					List.of(new InvalidFeedbackException.FieldError("body", "must be a JSON object")));
		}
		ObjectNode object = ((ObjectNode) record).deepCopy();
		JsonNode keyNode = object.remove("idempotencyKey");
		String key = null;
		if (keyNode != null && !keyNode.isNull()) {
			if (!keyNode.isString()) {
				throw new InvalidFeedbackException(null, List
					.of(new InvalidFeedbackException.FieldError("idempotencyKey", "must be a string")));
			}
			key = IdempotencyKeys.checked(keyNode.asString(), "idempotencyKey");
		}
		FeedbackSubmission submission = this.json.treeToValue(object, FeedbackSubmission.class);
		return new BatchEntry(this.validator.validate(submission), key);
	}

	private Item refused(int index, @Nullable RuntimeException error, @Nullable Channel channel) {
		if (error instanceof ChannelNotAllowedException forbidden) {
			channel = forbidden.channel();
		}
		RuntimeException cause = (error != null) ? error : new IllegalStateException("no result");
		Problems.Rendered rendered = this.problems.of(cause).orElseThrow(() -> cause);
		return refused(index, rendered.problem(), rendered.retryAfterSeconds(), channel);
	}

	private Item refused(int index, ProblemDetail problem, @Nullable Long retryAfter, @Nullable Channel channel) {
		if (problem.getStatus() < 500) {
			this.metrics.rejected(channel, io.feedbackloop.platform.web.ProblemAdvice.kindOf(problem.getType()));
		}
		return new Item(index, problem.getStatus(), null, null, new ItemProblem(problem, retryAfter));
	}

	private static ResponseEntity<BatchResult> answer(List<Item> items) {
		int accepted = 0;
		int duplicates = 0;
		int rejected = 0;
		int unavailable = 0;
		long retryAfter = 0;
		for (Item item : items) {
			switch (item.status()) {
				case 202 -> accepted++;
				case 200 -> duplicates++;
				default -> {
					if (item.status() >= 500) {
						unavailable++;
					}
					else {
						rejected++;
					}
				}
			}
			if (item.problem() != null && item.problem().retryAfter() != null) {
				retryAfter = Math.max(retryAfter, item.problem().retryAfter());
			}
		}
		HttpHeaders headers = new HttpHeaders();
		if (retryAfter > 0) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
		}
		HttpStatus status = (rejected + unavailable == 0) ? HttpStatus.OK : HttpStatus.MULTI_STATUS;
		return ResponseEntity.status(status)
			.headers(headers)
			.body(new BatchResult(items.size(), accepted, duplicates, rejected, unavailable, items));
	}

	/**
	 * The answer to a batch.
	 *
	 * @param total records in the batch
	 * @param accepted records accepted now (status 202)
	 * @param duplicates repeats of records accepted before (status 200)
	 * @param rejected records refused (4xx): fix them before sending them again
	 * @param unavailable records not stored (503): send them again after {@code Retry-After}
	 * @param results one per record, in the batch's order
	 */
	record BatchResult(int total, int accepted, int duplicates, int rejected, int unavailable, List<Item> results) {

	}

	/**
	 * @param index the record's position in the batch, from 0
	 * @param status what the record would have been answered alone: 202, 200, 400, 403, 409, 413 or 503
	 * @param feedbackId the record's id, when accepted
	 * @param receivedAt when it was first accepted
	 * @param problem why it was not, as RFC 9457 problem details
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Item(int index, int status, @Nullable String feedbackId, @Nullable Instant receivedAt,
			@Nullable ItemProblem problem) {

	}

	/** A problem detail with its retry advice, flattened into one JSON object. */
	record ItemProblem(ProblemDetail detail, @Nullable Long retryAfter) {

		@com.fasterxml.jackson.annotation.JsonValue
		Map<String, Object> json() {
			Map<String, Object> json = new java.util.LinkedHashMap<>();
			json.put("type", this.detail.getType().toString());
			json.put("title", this.detail.getTitle());
			json.put("status", this.detail.getStatus());
			json.put("detail", this.detail.getDetail());
			if (this.detail.getProperties() != null) {
				json.putAll(this.detail.getProperties());
			}
			if (this.retryAfter != null) {
				json.put("retryAfter", this.retryAfter);
			}
			return json;
		}

	}

}
