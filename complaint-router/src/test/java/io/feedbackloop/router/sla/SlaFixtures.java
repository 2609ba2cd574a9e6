package io.feedbackloop.router.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.router.sla.calendar.CalendarDefinition;
import io.feedbackloop.router.sla.calendar.WorkingTime;

/** Object Mother for the SLA tests: the policies and calendars of application.yml in small, and cases. */
final class SlaFixtures {

	static final List<String> OFFICE_DAY = List.of("09:00-12:00", "13:30-18:00");

	private SlaFixtures() {
	}

	static SlaProperties.TimerDefinition timer(String target, String clock, List<Double> warnings,
			SlaProperties.EscalationDefinition... ladder) {
		return new SlaProperties.TimerDefinition(Duration.parse("PT" + target.toUpperCase()), clock, warnings,
				List.of(ladder));
	}

	static SlaProperties.EscalationDefinition to(String role, String after) {
		return new SlaProperties.EscalationDefinition(role, Duration.parse("PT" + after.toUpperCase()));
	}

	static SlaProperties.PolicyDefinition standard() {
		return standard("standard", "24h");
	}

	/** The standard policy, with a given first-response target. */
	static SlaProperties.PolicyDefinition standard(String id, String firstResponse) {
		return new SlaProperties.PolicyDefinition(id, new SlaProperties.Match(List.of(), List.of(), List.of()),
				timer(firstResponse, "wall", List.of(0.5, 0.75), to("team-lead", "0m"), to("department-head", "4h"),
						to("service-director", "8h")),
				timer("12h", "business", List.of(0.5, 0.75)), timer("48h", "wall", List.of(0.75)),
				timer("40h", "business", List.of(0.5, 0.75), to("team-lead", "0m"), to("department-head", "8h")),
				List.of("resolution", "periodic-update"));
	}

	static SlaProperties.PolicyDefinition critical() {
		return new SlaProperties.PolicyDefinition("critical",
				new SlaProperties.Match(List.of(), List.of("critical"), List.of()),
				timer("4h", "wall", List.of(0.5), to("team-lead", "0m"), to("service-director", "1h")),
				timer("2h", "business", List.of(0.5)), null, timer("16h", "business", List.of(0.75)), List.of());
	}

	static SlaProperties.PolicyDefinition vip() {
		return new SlaProperties.PolicyDefinition("vip", new SlaProperties.Match(List.of(), List.of(), List.of("vip")),
				timer("12h", "wall", List.of(0.5, 0.75), to("team-lead", "0m")), timer("4h", "business", List.of(0.5)),
				timer("24h", "wall", List.of(0.75)), timer("24h", "business", List.of(0.5, 0.75)),
				List.of("resolution", "periodic-update"));
	}

	static SlaProperties.PolicyDefinition vipBilling() {
		return new SlaProperties.PolicyDefinition("vip-billing",
				new SlaProperties.Match(List.of("billing"), List.of(), List.of("vip")),
				timer("8h", "wall", List.of(0.5)), null, null, timer("24h", "business", List.of()), List.of());
	}

	static CalendarDefinition shanghaiOffice() {
		Map<DayOfWeek, List<String>> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			hours.put(day, OFFICE_DAY);
		}
		return new CalendarDefinition(ZoneId.of("Asia/Shanghai"), hours, List.of("2026-10-01..2026-10-07"), List.of(),
				List.of());
	}

	static CalendarDefinition londonOffice() {
		Map<DayOfWeek, List<String>> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			hours.put(day, List.of("09:00-17:00"));
		}
		return new CalendarDefinition(ZoneId.of("Europe/London"), hours, List.of(), List.of(), List.of());
	}

	static SlaRules rules(SlaProperties.PolicyDefinition... policies) {
		return rules(shanghaiOffice(), policies);
	}

	static SlaRules rules(CalendarDefinition shanghai, SlaProperties.PolicyDefinition... policies) {
		return new SlaRules(new PolicyCatalog(List.of(policies)),
				new Calendars(Map.of("cn-office", shanghai, "uk-office", londonOffice()),
						Map.of("uk-support", "uk-office"), "cn-office"));
	}

	static CaseTimer.Facts facts(String department, String category) {
		return facts(department, category, CustomerId.of("cust-sla-" + UUID.randomUUID().toString().substring(0, 8)));
	}

	static CaseTimer.Facts facts(String department, String category, CustomerId customer) {
		return new CaseTimer.Facts(CaseId.of("CASE-" + UUID.randomUUID().toString().substring(0, 8)), customer,
				department, category, null, null);
	}

	/** A started timer of the case, by the rules' policy for it. */
	static CaseTimer started(SlaRules rules, CaseTimer.Facts facts, SlaTimerKind kind, Instant at) {
		Policy policy = rules.policyFor(facts);
		CaseTimer.Setup setup = rules.setupFor(policy, kind, facts, at, null).orElseThrow();
		WorkingTime time = rules.timeOf(setup, facts);
		return CaseTimer.start(facts, kind, setup, at, "routed-" + facts.caseId(), time);
	}

}
