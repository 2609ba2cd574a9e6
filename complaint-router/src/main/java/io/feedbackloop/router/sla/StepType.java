package io.feedbackloop.router.sla;

/** What a timer does at one of its steps: warn, declare the breach, or escalate one level. */
enum StepType {

	WARNING, BREACH, ESCALATION

}
