package io.feedbackloop.router.severity;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The shipped signals (application.yml) on the project's own examples, Chinese and English. */
class SeverityAssessorTests {

	private final SeverityAssessor assessor = new SeverityAssessor(shipped());

	@Test
	void threatsToGoToARegulatorOrTheMediaAreCritical() {
		assertThat(severity("再不解决我就去工信部投诉你们")).isEqualTo("critical");
		assertThat(severity("已经打了12315，还要找消费者协会")).isEqualTo("critical");
		assertThat(severity("我要在微博上曝光你们")).isEqualTo("critical");
		assertThat(severity("等着上3·15晚会吧")).isEqualTo("critical");
		assertThat(severity("If this is not fixed I will complain to Ofcom")).isEqualTo("critical");
		assertThat(severity("I am going to the press and social media with this")).isEqualTo("critical");
		assertThat(severity("Nobody calls back. I'm talking to the newspaper next.")).isEqualTo("critical");
		assertThat(severity("再这样我就找报社")).isEqualTo("critical");
	}

	@Test
	void aCustomerSayingTheyContactedUsBeforeIsHigh() {
		assertThat(severity("This is the fourth time I'm calling about the same billing error")).isEqualTo("high");
		assertThat(severity("this is the 3rd time we’ve reported it")).isEqualTo("high");
		assertThat(severity("I have called you five times and emailed twice")).isEqualTo("high");
		assertThat(severity("这是我第三次打电话反映这个问题了")).isEqualTo("high");
		assertThat(severity("宽带报修两次了没人上门")).isEqualTo("high");
		assertThat(severity("已经投诉了好几次，一直没人管")).isEqualTo("high");
		assertThat(this.assessor.assess("I have called you five times", "standard").reasons())
			.containsExactly("stated-repeat: called you five times → high");
		// Counting other things is no repeat contact.
		assertThat(severity("第一次打电话，话费扣了两次")).isEqualTo("normal");
		assertThat(severity("第1次打电话，联系了1次")).isEqualTo("normal");
		assertThat(severity("This is the 1st time I'm calling about it")).isEqualTo("normal");
		assertThat(severity("这是第2次打电话了")).isEqualTo("high");
		assertThat(severity("the 12th time I've called")).isEqualTo("high");
		assertThat(severity("这已经是第十一次来电了")).isEqualTo("high");
		assertThat(severity("The second time the courier came, nobody was home")).isEqualTo("normal");
		assertThat(severity("I was charged two times for one order")).isEqualTo("normal");
	}

	@Test
	void aNegatedThreatIsStillAThreat() {
		SeverityAssessment assessment = this.assessor.assess("我不想投诉到工信部，但是你们必须给个说法", "standard");

		assertThat(assessment.severity()).isEqualTo("critical");
		assertThat(assessment.reasons()).containsExactly("regulator: 工信部 → critical");
	}

	@Test
	void legalThreatsAreHighAndSafetyHazardsCritical() {
		assertThat(severity("我已经请了律师，准备起诉")).isEqualTo("high");
		assertThat(severity("I will sue you, my lawyer has the letters")).isEqualTo("high");
		assertThat(severity("My solicitor will start a lawsuit")).isEqualTo("high");
		assertThat(severity("充电器起火了，差点烧到孩子")).isEqualTo("critical");
		assertThat(severity("The router caught fire and my son got an electric shock")).isEqualTo("critical");
	}

	@Test
	void aLetterLowerCasingLongerIsNoTroubleForTheQuotedSignal() {
		// "İ" lower-cases to two characters: the signal's place in the lower-cased text is past the original's end.
		SeverityAssessment assessment = this.assessor.assess("İİİ İzmir office never called, I am going to the press",
				"standard");

		assertThat(assessment.severity()).isEqualTo("critical");
		assertThat(assessment.reasons()).singleElement().asString().startsWith("media: ").contains("press");
	}

	@Test
	void wordsInsideOtherWordsAndAmountsAreNoSignals() {
		// "issue" contains "sue", "courteous" contains "court", 315 yuan is an amount, 123156 a longer number.
		assertThat(severity("The issue is that the staff were not courteous")).isEqualTo("normal");
		assertThat(severity("这个月话费扣了315元，订单号123156")).isEqualTo("normal");
		assertThat(this.assessor.assess("网速太慢了", "standard").reasons())
			.containsExactly("no threat or hazard in the text: normal");
	}

	@Test
	void highValueCustomersAreRaisedOneLevelUpToCritical() {
		SeverityAssessment vip = this.assessor.assess("网速太慢了", "vip");
		assertThat(vip.severity()).isEqualTo("high");
		assertThat(vip.reasons()).containsExactly("no threat or hazard in the text: normal",
				"customer tier vip: normal → high");
		assertThat(this.assessor.assess("我请了律师", "gold").severity()).isEqualTo("critical");
		assertThat(this.assessor.assess("去工信部投诉", "vip").severity()).isEqualTo("critical");
	}

	@Test
	void everyRepeatContactRaisesOneLevelAndANewThreatMore() {
		SeverityAssessment first = this.assessor.repeatContact("normal", 1, "sms", "还是没人处理");
		assertThat(first.severity()).isEqualTo("high");
		assertThat(first.reasons()).containsExactly("repeat contact 1 via sms: normal → high");

		SeverityAssessment threat = this.assessor.repeatContact("low", 2, "phone", "我要找记者");
		assertThat(threat.severity()).isEqualTo("critical");
		assertThat(threat.reasons()).containsExactly("repeat contact 2 via phone: low → normal",
				"media: 记者 → critical");

		assertThat(this.assessor.repeatContact("critical", 3, "web", "again").reasons()).isEmpty();
	}

	@Test
	void aBadSignalStopsTheStartNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SeverityAssessor(new SeverityProperties("normal",
					List.of(new SeverityProperties.Signal("legal", "urgent", List.of("律师"), List.of(), null)),
					List.of(), true)))
			.withMessage("feedbackloop.severity.signals[0].severity: unknown severity 'urgent'; one of "
					+ "[low, normal, high, critical]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SeverityAssessor(new SeverityProperties("normal",
					List.of(new SeverityProperties.Signal("x", "high", List.of(), List.of("(unclosed"), null)),
					List.of(), true)))
			.withMessageStartingWith("feedbackloop.severity.signals[0].patterns[0] is not a regular expression");
	}

	private String severity(String text) {
		return this.assessor.assess(text, "standard").severity();
	}

	private static SeverityProperties shipped() {
		try {
			StandardEnvironment environment = new StandardEnvironment();
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
					new ClassPathResource("application.yml"))) {
				environment.getPropertySources().addLast(source);
			}
			return new Binder(ConfigurationPropertySources.get(environment))
				.bind("feedbackloop.severity", SeverityProperties.class)
				.get();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
