package io.feedbackloop.router.sla;

import java.time.Duration;
import java.util.List;

import io.feedbackloop.contracts.SlaTimerKind;
import org.junit.jupiter.api.Test;

import static io.feedbackloop.router.sla.SlaFixtures.timer;
import static io.feedbackloop.router.sla.SlaFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PolicyCatalogTests {

	private final PolicyCatalog catalog = new PolicyCatalog(
			List.of(SlaFixtures.critical(), SlaFixtures.vipBilling(), SlaFixtures.standard()));

	@Test
	void theFirstPolicyMatchingCategorySeverityAndTierApplies() {
		assertThat(this.catalog.select("network", "critical", null).id()).isEqualTo("critical");
		assertThat(this.catalog.select("billing", "critical", "vip").id()).isEqualTo("critical");
		assertThat(this.catalog.select("billing", "normal", "vip").id()).isEqualTo("vip-billing");
		assertThat(this.catalog.select("network", null, "vip").id()).isEqualTo("standard");
	}

	@Test
	void unknownSeverityAndTierMatchOnlyPoliciesThatDoNotRestrictThem() {
		assertThat(this.catalog.select("billing", null, null).id()).isEqualTo("standard");
	}

	@Test
	void stepsAreWarningsThenTheBreachThenEachEscalationLevelAfterTheOneBefore() {
		TimerRule rule = this.catalog.select("network", null, null).rule(SlaTimerKind.FIRST_RESPONSE).orElseThrow();

		assertThat(rule.steps()).extracting(Step::key)
			.containsExactly("warning-50", "warning-75", "breach", "escalation-1", "escalation-2", "escalation-3");
		assertThat(rule.steps()).extracting(Step::offset)
			.containsExactly(Duration.ofHours(12), Duration.ofHours(18), Duration.ofHours(24), Duration.ofHours(24),
					Duration.ofHours(28), Duration.ofHours(36));
		assertThat(rule.steps()).extracting(Step::escalateTo)
			.containsExactly(null, null, null, "team-lead", "department-head", "service-director");
	}

	@Test
	void aPolicyWithoutATimerDoesNotRunIt() {
		Policy critical = this.catalog.select("network", "critical", null);

		assertThat(critical.rule(SlaTimerKind.PERIODIC_UPDATE)).isEmpty();
		assertThat(critical.restartOnReopen()).isEmpty();
		assertThat(this.catalog.select("network", null, null).restartOnReopen())
			.containsExactlyInAnyOrder(SlaTimerKind.RESOLUTION, SlaTimerKind.PERIODIC_UPDATE);
	}

	@Test
	void aCatalogWithoutADefaultPolicyIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicyCatalog(List.of(SlaFixtures.critical())))
			.withMessageContaining("needs a policy without categories, severities or tiers");
	}

	@Test
	void twoPoliciesWithOneIdAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicyCatalog(List.of(SlaFixtures.standard(), SlaFixtures.standard())))
			.withMessageContaining("feedbackloop.sla.policies[1].id 'standard' is used by two policies");
	}

	@Test
	void badTimerDefinitionsAreRejectedNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicyCatalog(List.of(withFirstResponse(timer("24h", "wall", List.of(1.5))))))
			.withMessageContaining("feedbackloop.sla.policies[0].first-response.warnings[0] 1.5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicyCatalog(List.of(withFirstResponse(timer("24h", "sundial", List.of())))))
			.withMessageContaining("feedbackloop.sla.policies[0].first-response.clock 'sundial'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicyCatalog(List.of(withFirstResponse(timer("0h", "wall", List.of())))))
			.withMessageContaining("feedbackloop.sla.policies[0].first-response.target must be a positive duration");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicyCatalog(
					List.of(withFirstResponse(timer("24h", "wall", List.of(), to("team-lead", "-1h"))))))
			.withMessageContaining("feedbackloop.sla.policies[0].first-response.escalation[0].after");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicyCatalog(List.of(new SlaProperties.PolicyDefinition("p",
					new SlaProperties.Match(List.of(), List.of(), List.of()), timer("24h", "wall", List.of()), null,
					null, null, List.of("solution")))))
			.withMessageContaining("feedbackloop.sla.policies[0].restart-on-reopen[0]")
			.withMessageContaining("'solution'");
	}

	@Test
	void fingerprintChangesWhenAPolicyChanges() {
		Policy before = new PolicyCatalog(List.of(SlaFixtures.standard())).select("network", null, null);
		Policy same = new PolicyCatalog(List.of(SlaFixtures.standard())).select("network", null, null);
		Policy shorter = new PolicyCatalog(List.of(SlaFixtures.standard("standard", "12h"))).select("network", null,
				null);

		assertThat(same.fingerprint()).isEqualTo(before.fingerprint());
		assertThat(shorter.fingerprint()).isNotEqualTo(before.fingerprint());
	}

	private static SlaProperties.PolicyDefinition withFirstResponse(SlaProperties.TimerDefinition firstResponse) {
		return new SlaProperties.PolicyDefinition("p", new SlaProperties.Match(List.of(), List.of(), List.of()),
				firstResponse, null, null, null, List.of());
	}

}
