package io.feedbackloop.ingest.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTests {

	@Test
	void phoneNumbersKeepOnlyTheCountryCodeAndTheLastFourDigits() {
		assertThat(Masking.mask("call +8613800138000 now")).isEqualTo("call +86*******8000 now");
		assertThat(Masking.mask("national 138 0013 8000.")).isEqualTo("national *******8000.");
	}

	@Test
	void emailAddressesKeepTheirFirstLetterAndDomain() {
		assertThat(Masking.mask("mail zhang.wei@example.com please")).isEqualTo("mail z***@example.com please");
		assertThat(Masking.mask("mail 张伟@例子.中国 please")).isEqualTo("mail 张***@例子.中国 please");
	}

	@Test
	void timesIdsAndShortNumbersAreLeftAlone() {
		String line = "fb-6f1c2a4e-3b7d-4c8e-9a10-2b3c4d5e6f70 at 2026-11-22T08:15:00.250Z took 1234 ms, "
				+ "startTimeMs: 1763798400250";

		assertThat(Masking.mask(line)).isEqualTo(line);
	}

}
