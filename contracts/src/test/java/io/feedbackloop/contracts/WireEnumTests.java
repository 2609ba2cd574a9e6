package io.feedbackloop.contracts;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WireEnumTests {

	@Test
	void channelsAreLowerCaseOnTheWire() {
		assertThat(Arrays.stream(Channel.values()).map(Channel::wireName)).containsExactly("phone", "sms", "web", "app");
		assertThat(Arrays.stream(Channel.values()).map(Channel::wireName).map(Channel::fromWire))
			.containsExactly(Channel.values());
	}

	@Test
	void unknownChannelIsRejectedWithTheAcceptedValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> Channel.fromWire("fax"))
			.withMessageContaining("'fax'")
			.satisfies((ex) -> assertThat(ex.getMessage())
				.contains(Arrays.stream(Channel.values()).map(Channel::wireName).toList()));
	}

	@Test
	void channelNamesAreCaseSensitive() {
		assertThatIllegalArgumentException().isThrownBy(() -> Channel.fromWire("PHONE"));
	}

	@Test
	void feedbackKindsAreLowerCaseOnTheWire() {
		assertThat(Arrays.stream(FeedbackKind.values()).map(FeedbackKind::wireName)).containsExactly("complaint",
				"praise", "suggestion", "inquiry");
		assertThat(Arrays.stream(FeedbackKind.values()).map(FeedbackKind::wireName).map(FeedbackKind::fromWire))
			.containsExactly(FeedbackKind.values());
	}

	@Test
	void unknownFeedbackKindIsRejectedNamingTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> FeedbackKind.fromWire("rant"))
			.withMessageContaining("'rant'");
	}

	@Test
	void slaTimerKindsAreKebabCaseOnTheWire() {
		assertThat(Arrays.stream(SlaTimerKind.values()).map(SlaTimerKind::wireName)).containsExactly("first-response",
				"internal-target", "periodic-update", "resolution");
		assertThat(Arrays.stream(SlaTimerKind.values()).map(SlaTimerKind::wireName).map(SlaTimerKind::fromWire))
			.containsExactly(SlaTimerKind.values());
		assertThatIllegalArgumentException().isThrownBy(() -> SlaTimerKind.fromWire("first_response"))
			.withMessageContaining("'first_response'");
	}

	@Test
	void winLossOutcomesAndReasonsAreKebabCaseOnTheWire() {
		assertThat(Arrays.stream(WinLossOutcome.values()).map(WinLossOutcome::wireName)).containsExactly("won", "lost");
		assertThat(Arrays.stream(WinLossReason.values()).map(WinLossReason::wireName)).containsExactly(
				"death-or-closure", "relocation", "competitor", "product-dissatisfaction", "staff-indifference", "price",
				"service-failure", "other");
		assertThat(Arrays.stream(WinLossReason.values()).map(WinLossReason::wireName).map(WinLossReason::fromWire))
			.containsExactly(WinLossReason.values());
		assertThatIllegalArgumentException().isThrownBy(() -> WinLossReason.fromWire("moved"))
			.withMessageContaining("'moved'");
	}

}
