package io.feedbackloop.ingest.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String API_KEY = "apiKey";

	@Bean
	OpenAPI feedbackIngestApi() {
		return new OpenAPI()
			.info(new Info().title("feedback-ingest API / 反馈接入接口")
				.version("v1")
				.description("""
						The intake of the Feedback Loop platform for channel systems (call centre, SMS gateway, \
						web forms, mobile app). Every request carries the client's API key in `X-Api-Key`, or is signed with the \
						client's HMAC secret (`X-Client-Id`, `X-Timestamp`, `X-Signature: v1=<hex HMAC-SHA-256 of \
						timestamp, method, path, Idempotency-Key and the body's SHA-256>`). \
						Errors are RFC 9457 problem details (`application/problem+json`) with a stable `type` \
						per kind of error and field-level `errors`.

						反馈闭环平台面向渠道系统（客服热线、短信网关、网页表单、手机 App）的接入接口。每个请求都须在 \
						`X-Api-Key` 头中携带客户端的 API 密钥，或以客户端的 HMAC 密钥签名（`X-Client-Id`、`X-Timestamp`、`X-Signature`）。错误以 RFC 9457 问题详情（`application/problem+json`）\
						返回，每类错误有固定的 `type`，并在 `errors` 中逐字段说明。"""))
			.components(new Components().addSecuritySchemes(API_KEY,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-Api-Key")
						.description("The channel system's API key / 渠道系统的 API 密钥")))
			.addSecurityItem(new SecurityRequirement().addList(API_KEY));
	}

}
