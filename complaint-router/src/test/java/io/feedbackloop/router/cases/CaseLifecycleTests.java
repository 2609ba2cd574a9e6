package io.feedbackloop.router.cases;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.feedbackloop.contracts.CaseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transition table against the complaint process as written down here, independently of the
 * code: every one of the 121 (from, to) pairs is either listed below (legal) or illegal.
 */
class CaseLifecycleTests {

	/** from -> to : who. */
	static final String PROCESS = """
			triage -> assigned : CLASSIFICATION
			triage -> invalid : STAFF
			received -> assigned : STAFF
			received -> invalid : STAFF
			received -> waiting-for-customer : STAFF
			assigned -> investigating : STAFF
			assigned -> waiting-for-customer : STAFF
			investigating -> remedy-proposed : STAFF
			investigating -> waiting-for-customer : STAFF
			remedy-proposed -> remedy-approved : SUPERVISOR
			remedy-proposed -> investigating : SUPERVISOR
			remedy-proposed -> waiting-for-customer : STAFF
			remedy-approved -> remedy-carried-out : STAFF
			remedy-approved -> waiting-for-customer : STAFF
			remedy-carried-out -> closed : STAFF_OR_SYSTEM
			remedy-carried-out -> investigating : STAFF_OR_SYSTEM
			closed -> reopened : STAFF
			invalid -> reopened : STAFF
			reopened -> assigned : STAFF
			reopened -> investigating : STAFF
			reopened -> waiting-for-customer : STAFF
			waiting-for-customer -> received : STAFF_OR_SYSTEM
			waiting-for-customer -> assigned : STAFF_OR_SYSTEM
			waiting-for-customer -> investigating : STAFF_OR_SYSTEM
			waiting-for-customer -> remedy-proposed : STAFF_OR_SYSTEM
			waiting-for-customer -> remedy-approved : STAFF_OR_SYSTEM
			waiting-for-customer -> reopened : STAFF_OR_SYSTEM
			""";

	static Set<String> legal() {
		return PROCESS.lines().map((line) -> line.substring(0, line.indexOf(" :"))).collect(Collectors.toSet());
	}

	static Stream<Arguments> allPairs() {
		return Arrays.stream(CaseStatus.values())
			.flatMap((from) -> Arrays.stream(CaseStatus.values()).map((to) -> Arguments.of(from, to)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("allPairs")
	void transitionIsLegalExactlyWhenTheProcessListsIt(CaseStatus from, CaseStatus to) {
		boolean listed = legal().contains(from.wireName() + " -> " + to.wireName());

		assertThat(CaseLifecycle.isLegal(from, to)).as("%s -> %s", from.wireName(), to.wireName()).isEqualTo(listed);
		assertThat(CaseLifecycle.next(from).contains(to)).isEqualTo(listed);
	}

	@Test
	void whoMayMakeEachLegalStepIsAsTheProcessSays() {
		PROCESS.lines().forEach((line) -> {
			String[] parts = line.split(" -> | : ");
			assertThat(CaseLifecycle.who(CaseStatus.fromWire(parts[0]), CaseStatus.fromWire(parts[1])))
				.as(line)
				.isEqualTo(CaseLifecycle.Who.valueOf(parts[2]));
		});
	}

	@Test
	void onlyClosedAndInvalidAreEnded() {
		assertThat(Arrays.stream(CaseStatus.values()).filter((s) -> !CaseLifecycle.isOpen(s)))
			.containsExactlyInAnyOrder(CaseStatus.CLOSED, CaseStatus.INVALID);
	}

}
