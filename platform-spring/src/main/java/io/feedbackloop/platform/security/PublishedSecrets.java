package io.feedbackloop.platform.security;

import java.util.Set;

/**
 * Secrets whose value is written in this repository (a local default in an {@code application.yml},
 * a placeholder of the deployment files) and so known to anyone: a service refuses to start with one
 * outside the local demo.
 */
public final class PublishedSecrets {

	/** The placeholder of the secret literals in {@code deploy/k8s/kustomization.yaml}. */
	public static final String KUBERNETES_PLACEHOLDER = "REPLACE-with-openssl-rand-base64-32";

	private PublishedSecrets() {
	}

	/**
	 * Refuses a published value outside the local demo, naming the setting but not the value.
	 * @param setting the environment variable that sets it, such as {@code SURVEY_SECRET}
	 * @param property the configuration property it sets
	 * @param value the value configured
	 * @param published the values of this setting written in the repository, besides
	 * {@link #KUBERNETES_PLACEHOLDER}
	 * @param demo whether this is the local demo ({@code FEEDBACKLOOP_DEMO_CLIENT=true}: {@code bin/run-local},
	 * the tests), the one setting where a published value is harmless
	 * @param risk what anyone could do with it, such as {@code "anyone could sign survey links with it"}
	 * @throws IllegalStateException when the value is published and this is not the demo
	 */
	public static void requireOwn(String setting, String property, String value, Set<String> published,
			boolean demo, String risk) {
		String configured = value.strip();
		if (!demo && (published.contains(configured) || KUBERNETES_PLACEHOLDER.equals(configured))) {
			throw new IllegalStateException(setting + " (" + property + ") is a value published in the Feedback Loop "
					+ "repository, so " + risk + ": set " + setting + " to a secret of your own (at least 16 "
					+ "characters, e.g. from openssl rand -base64 32). Only the local demo "
					+ "(FEEDBACKLOOP_DEMO_CLIENT=true) may run with a published value.");
		}
	}

}
