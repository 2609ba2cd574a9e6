package io.feedbackloop.ingest.web;

/**
 * The texts and examples of the OpenAPI document, in English and Chinese (the channel systems'
 * developers read either). Constants, because annotations need them at compile time.
 */
public final class ApiDocs {

	public static final String SUBMIT = """
			Submits one piece of customer feedback from a channel system. Send the client's API key in \
			`X-Api-Key`. `202` only after Kafka acknowledged the record (acks=all); a repeat (same \
			`Idempotency-Key`, or without one the same `channel` + `channelRecordId`) gets `200` and the \
			original `feedbackId`; the same key with different content gets `409`. Phone numbers are \
			normalised to E.164, text to Unicode NFC and trimmed; the language (zh/en) is detected when \
			absent; `webForm.clientIp` and `app.deviceId` are kept only as keyed hashes.

			提交一条来自渠道系统的客户反馈。请在 `X-Api-Key` 头中携带客户端的 API 密钥。只有在 Kafka 确认\
			（acks=all）之后才返回 `202`；重复提交（相同的 `Idempotency-Key`，或未提供时相同的 `channel` + \
			`channelRecordId`）返回 `200` 及原反馈编号；同一键但内容不同返回 `409`。电话号码统一为 E.164 格式，\
			文本做 Unicode NFC 规范化并去除首尾空白；未给出语言时自动识别中文或英文；`webForm.clientIp` 与 \
			`app.deviceId` 只以带密钥的哈希保存，绝不明文存储。""";

	public static final String BODY = """
			One feedback record. Channel details: `phoneCall` (phone), `sms` (sms), `webForm` (web), `app` \
			(app), each only with its channel; `attachments` by reference (URL, content type, size; never the \
			bytes); `metadata` free-form, keys must not start with `$` or contain `.`.
			一条反馈记录。渠道信息：`phoneCall`（电话）、`sms`（短信）、`webForm`（网页）、`app`（掌厅），\
			须与 channel 一致；附件只传引用（URL、类型、大小），不传文件内容；`metadata` 为自由字段，键不得以 \
			`$` 开头或包含 `.`。""";

	public static final String IDEMPOTENCY_KEY = """
			Optional. 1-255 visible ASCII characters (a UUID). A repeat with the same key returns the \
			original record. / 可选。1 至 255 个可见 ASCII 字符（如 UUID）。使用相同键重复提交返回原记录。""";

	public static final String BATCH = """
			Submits up to 500 records at once: `{"records": [...]}`, each record as for the single endpoint, \
			with an optional `idempotencyKey` field. Every record gets its own result (`status` 202, 200, \
			400, 403, 409, 413 or 503 with problem details); a bad record never fails the good ones, and a record \
			Kafka did not acknowledge is reported `503`, never dropped. The answer is `200` when every \
			record was accepted or a repeat, `207 Multi-Status` otherwise, with `Retry-After` when some \
			records are worth sending again. A batch costs one rate-limit permit per record, so one with more \
			records than the client's burst is refused as a whole (`400`).

			一次提交最多 500 条记录：`{"records": [...]}`，每条与单条接口相同，可带 `idempotencyKey` 字段。\
			每条记录都有自己的结果（`status` 为 202、200、400、403、409、413 或 503，并附问题详情）；坏记录不会影响\
			好记录，Kafka 未确认的记录报告为 `503`，绝不静默丢弃。全部受理或重复时整体返回 `200`，否则返回 \
			`207 Multi-Status`；有值得重试的记录时带 `Retry-After`。每条记录消耗一个限流配额，记录数超过该客户端\
			突发上限（burst）的批次整体被拒绝（`400`）。""";

	public static final String BATCH_BODY = "Up to 500 records / 最多 500 条记录";

	public static final String R400 = """
			The record is invalid (`validation-failed`, with `errors[]` naming each field) or not JSON \
			(`invalid-json`). / 记录无效（`validation-failed`，`errors[]` 指明每个字段）或不是合法 JSON（`invalid-json`）。""";

	public static final String R401 = "No or unknown API key (`unauthenticated`), or an HMAC-signed request that does not "
			+ "verify (`signature-invalid`) or was signed too long ago (`signature-expired`). / "
			+ "缺少或无效的 API 密钥，或 HMAC 签名无效、已过期。";

	public static final String R403 = """
			The client may not post for this channel (`channel-not-allowed`). / 该客户端无权提交此渠道的反馈。""";

	public static final String R409 = """
			The idempotency key was used for a different record (`idempotency-key-reused`), or the same \
			request is still in progress (`request-in-progress`, retry after `Retry-After`). / 幂等键已用于\
			其他内容的记录，或相同请求仍在处理中（请按 `Retry-After` 重试）。""";

	public static final String R413 = "The body is too large (`payload-too-large`). / 请求体过大。";

	public static final String R429 = """
			The client exceeded its rate limit (`rate-limited`); wait `Retry-After` seconds. / 超出该客户端的\
			速率限制，请等待 `Retry-After` 秒。""";

	public static final String R503 = """
			Kafka (`broker-unavailable`) or MongoDB (`store-unavailable`) did not answer in time: the record \
			was NOT accepted; send it again after `Retry-After` (the same key is safe to reuse). / Kafka 或 \
			MongoDB 未及时响应：记录未被受理，请在 `Retry-After` 秒后用相同的键重新提交。""";

	public static final String PHONE = """
			{"channel":"phone","channelRecordId":"CALL-20261122-0001",
			 "customer":{"id":"CUST-10086001","name":"王女士","phone":"138 0013 8000"},
			 "occurredAt":"2026-11-22T08:00:00Z",
			 "text":"我要投诉，家里的5G信号太差，打电话一直掉线，一个星期了还没人处理。",
			 "phoneCall":{"callId":"CALL-20261122-0001","agentId":"A-0042","ivrPath":["1","3","0"],
			  "recordingRef":"rec://callcentre/2026/11/22/CALL-20261122-0001.wav"}}""";

	public static final String SMS = """
			{"channel":"sms","channelRecordId":"SMS-552031",
			 "customer":{"id":"CUST-10086002","name":"李先生","phone":"+86 139 1234 5678"},
			 "occurredAt":"2026-11-22T08:05:00Z",
			 "text":"这个月话费被乱扣了58元，我没有订过这个增值业务，请给我退款。",
			 "sms":{"senderNumber":"13912345678","gatewayMessageId":"smsgw-5520317"}}""";

	public static final String WEB = """
			{"channel":"web","channelRecordId":"WEB-F-7781",
			 "customer":{"id":"CUST-20230003","name":"Emily Carter","email":"emily.carter@example.com"},
			 "occurredAt":"2026-11-22T08:10:00Z","language":"en",
			 "text":"I was charged twice on my bill this month and nobody answers the chat. I want a refund.",
			 "webForm":{"formId":"billing-complaint","page":"/support/billing","clientIp":"203.0.113.7"},
			 "attachments":[{"url":"https://files.example.com/uploads/bill-2026-11.pdf",
			  "contentType":"application/pdf","sizeBytes":48213}]}""";

	public static final String APP = """
			{"channel":"app","channelRecordId":"APP-9a8b7c",
			 "customer":{"id":"CUST-20230004","name":"Zhang Wei","phone":"+8613700001111"},
			 "occurredAt":"2026-11-22T08:15:00Z",
			 "text":"宽带又断了，光纤路由器的灯一直是红的，维修师傅说明天才能来，太慢了。",
			 "app":{"appVersion":"8.2.1","platform":"android","deviceId":"c0ffee00-1234-4bcd-9def-5a5a5a5a5a5a"},
			 "metadata":{"hall":"GZ-0012","screen":"broadband/fault"}}""";

	public static final String BATCH_EXAMPLE = """
			{"records":[
			 {"idempotencyKey":"6d0c8a4e-0001","channel":"sms","channelRecordId":"SMS-552032",
			  "customer":{"id":"CUST-10086008","phone":"+8618600001234"},"occurredAt":"2026-11-22T08:20:00Z",
			  "text":"请问国际漫游流量套餐怎么办理？"},
			 {"channel":"web","channelRecordId":"WEB-F-7782",
			  "customer":{"id":"CUST-20230005","email":"tom.baker@example.com"},"occurredAt":"2026-11-22T08:21:00Z",
			  "text":"Thank you, the engineer who fixed my broadband was excellent."}]}""";

	public static final String BATCH_RESULT = """
			{"total":2,"accepted":1,"duplicates":1,"rejected":0,"unavailable":0,"results":[
			 {"index":0,"status":202,"feedbackId":"fb-6f1c2a4e-3b7d-4c8e-9a10-2b3c4d5e6f70","receivedAt":"2026-11-22T08:20:01.250Z"},
			 {"index":1,"status":200,"feedbackId":"fb-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","receivedAt":"2026-11-22T08:19:30.100Z"}]}""";

	public static final String PROBLEM_EXAMPLE = """
			{"type":"https://feedbackloop.io/problems/validation-failed","title":"Validation failed","status":400,
			 "detail":"The feedback record has invalid fields; see errors.","instance":"/api/v1/feedback",
			 "errors":[{"field":"customer.phone","message":"must be a valid phone number: E.164 such as +8613800138000, or a national number of region CN"}]}""";

	private ApiDocs() {
	}

}
