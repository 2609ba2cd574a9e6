package io.feedbackloop.contracts;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why business was won or lost, from the domain's taxonomy of reasons customers leave (流失原因):
 * death or closure (死亡), relocation (搬迁), taken by a competitor (竞争者争取走), dissatisfied with the
 * product (产品令人不满意), staff indifference (公司职员表现出漠视态度), plus price and service failure;
 * {@code other} always comes with a text.
 */
public enum WinLossReason {

	DEATH_OR_CLOSURE, RELOCATION, COMPETITOR, PRODUCT_DISSATISFACTION, STAFF_INDIFFERENCE, PRICE, SERVICE_FAILURE,
	OTHER;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	@JsonCreator
	public static WinLossReason fromWire(String value) {
		return Arrays.stream(values())
			.filter((reason) -> reason.wireName().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown reason '" + value + "'; expected one of "
					+ Arrays.stream(values()).map(WinLossReason::wireName).toList()));
	}

}
