package io.feedbackloop.router.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExpectedVersionTests {

	@Test
	void versionComesFromTheETagOrTheBody() {
		assertThat(ExpectedVersion.of("\"7\"", null)).isEqualTo(7);
		assertThat(ExpectedVersion.of("W/\"7\"", null)).isEqualTo(7);
		assertThat(ExpectedVersion.of(null, 7L)).isEqualTo(7);
		assertThat(ExpectedVersion.of("\"7\"", 7L)).isEqualTo(7);
		assertThat(ExpectedVersion.etag(7)).isEqualTo("\"7\"");
	}

	@Test
	void updateThatDoesNotSayWhatItSawIsRefusedWith428() {
		assertThatExceptionOfType(ApiProblemException.class).isThrownBy(() -> ExpectedVersion.of(null, null))
			.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(428));
	}

	@Test
	void foreignOrContradictoryVersionsAreRefusedNamingTheField() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> ExpectedVersion.of("\"abc\"", null))
			.satisfies((ex) -> assertThat(ex.errors().get(0).field()).isEqualTo("If-Match"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> ExpectedVersion.of("\"7\"", 6L))
			.satisfies((ex) -> assertThat(ex.errors().get(0).field()).isEqualTo("version"));
	}

}
