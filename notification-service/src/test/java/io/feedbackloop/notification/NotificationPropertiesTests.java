package io.feedbackloop.notification;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NotificationPropertiesTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Test
	void senderWithADisplayNameIsAccepted() {
		NotificationProperties properties = new NotificationProperties("Customer Care <care@feedbackloop.local>",
				SHANGHAI, List.of("zh", "en"), "zh", "classpath:templates/");
		assertThat(properties.fromAddress().getAddress()).isEqualTo("care@feedbackloop.local");
		assertThat(properties.fromAddress().getPersonal()).isEqualTo("Customer Care");
	}

	@Test
	void senderThatIsNoAddressIsRejectedAtStartUp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NotificationProperties("Customer Care", SHANGHAI, List.of("zh"), "zh", "x/"))
			.withMessageContaining("feedbackloop.notification.from 'Customer Care'");
	}

	@Test
	void defaultLanguageMustHaveTemplates() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NotificationProperties("care@feedbackloop.local", SHANGHAI, List.of("zh", "en"), "fr",
					"x/"))
			.withMessageContaining("default-language 'fr'");
	}

}
