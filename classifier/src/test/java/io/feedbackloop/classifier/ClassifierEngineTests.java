package io.feedbackloop.classifier;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

class ClassifierEngineTests {

	static final ClassifierEngine ENGINE = ClassifierEngine.withDefaults(Taxonomy.load("telecom,retail"));

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			我家这边手机信号差得离谱，一打电话就掉线，都快一个月了还没人来修                         | complaint  | network
			Calls keep dropping in my office building, zero signal since Monday, fix your network   | complaint  | network
			这个月话费又多扣了40块，账单上有个不认识的收费项目，赶紧给我退了                       | complaint  | billing
			You charged me twice for the monthly fee on my bill, I want the extra charge refunded   | complaint  | billing
			流量包还没用完就被限速了，网速慢得刷不开网页                                           | complaint  | data
			My mobile data got throttled after 2 GB even though the plan says 30 GB               | complaint  | data
			宽带又断网了，报修三天师傅都没上门，光猫一直红灯                                       | complaint  | broadband
			The broadband router keeps losing connection every night and the fibre engineer never came | complaint | broadband
			合约机才用一个月就死机黑屏，营业厅还不给换                                             | complaint  | device
			The handset you sold me won't charge, the battery is dead after a month               | complaint  | device
			说好的充值返现活动一分钱都没返，优惠券也用不了                                         | complaint  | promotion
			The promo said free bonus data for six months, I never got the offer                  | complaint  | promotion
			营业厅那个工作人员态度太恶劣了，说话阴阳怪气，还不耐烦                                 | complaint  | staff
			The staff member was rude and rolled her eyes at me, terrible attitude               | complaint  | staff
			买的裤子穿了一次就开线了，做工太差，质量有问题                                         | complaint  | quality
			The blender is defective, cheaply made and broke after two uses                       | complaint  | quality
			快递五天了还没送到，物流信息也不更新                                                   | complaint  | delivery
			The courier left my parcel in the rain and the package was soaked                    | complaint  | delivery
			刚买完就降价了300，申请价保被拒，太坑了                                                | complaint  | price
			It dropped in price the day after I bought it and you refuse to refund the difference | complaint | price
			退货申请提交两周了售后还没处理，维修也没人管                                           | complaint  | after-sales
			My warranty repair has taken six weeks and the after-sales team ignores my emails    | complaint  | after-sales
			支付的时候钱扣了两次，订单却显示未付款                                                 | complaint  | payment
			I was double charged at checkout and the payment shows as failed                      | complaint  | payment
			I was charged twice at checkout for one order                                         | complaint  | payment
			想办个5G卡，需要带什么材料？                                                           | inquiry    | device
			手机送修一个月了还没拿回来                                                             | complaint  | after-sales
			I did a top up of 20 yesterday and my balance still shows zero                        | complaint  | payment
			Please print the ingredients in a bigger font on the packaging                        | suggestion | product
			app一登录就闪退，验证码也收不到                                                        | complaint  | technical
			The app crashes whenever I open it and I can't log in on the website either           | complaint  | technical
			收到的商品与描述不符，颜色和型号都不对                                                 | complaint  | product
			The item is not as described, wrong size and missing parts                           | complaint  | product
			打客服热线排队一个小时没人接，承诺回电也没回                                           | complaint  | service
			I was on hold with customer service for an hour and nobody called back               | complaint  | service
			你们的营销短信太多了，退订了还一直发                                                   | complaint  | promotion
			Your spam text messages keep coming even after I unsubscribed, this is harassment     | complaint  | promotion
			地下室里手机一格都没有，客户打来的电话我根本接不到                                     | complaint  | network
			新买的手机一直自动重启，还发烫得厉害                                                   | complaint  | device
			在app里充值了100元，钱扣了一直没到账                                                   | complaint  | payment
			The shelf tag said 9.99 but I was charged 12.49 at the till                          | complaint  | price
			超市地下车库的车位画得太窄了，停进去车门都打不开                                       | complaint  | other
			地下停车场一格信号都没有，电话根本打不出去                                             | complaint  | network
			这家店的停车场太小了，车位也不够                                                       | complaint  | other
			Your store's car park is always full of staff cars.                                   | complaint  | other
			""")
	void decidesTheCategoryOfComplaints(String text, String kind, String category) {
		Decision decision = ENGINE.classify(text);
		assertThat(decision.head(Taxonomy.KIND).label()).as(text).isEqualTo(kind);
		assertThat(decision.head(Taxonomy.CATEGORY).label()).as(text).isEqualTo(category);
		assertThat(decision.head(Taxonomy.CATEGORY).explanation()).isNotEmpty();
	}

	@Test
	void explainsWithDifferentWordsOfTheTextNotPiecesOfOneWord() {
		Decision decision = ENGINE.classify("我要投诉！家里的5G信号太差了，打电话一直掉线，已经一个星期了，还没有人来处理。");
		List<String> terms = decision.head(Taxonomy.CATEGORY)
			.explanation()
			.stream()
			.filter((line) -> line.startsWith("model: "))
			.map((line) -> line.substring("model: \"".length(), line.lastIndexOf('"')))
			.toList();
		assertThat(terms).isNotEmpty().anyMatch((term) -> term.length() > 1);
		for (String term : terms) {
			assertThat(terms).as("%s shown beside a term it is part of", term)
				.noneMatch((other) -> !other.equals(term) && other.contains(term));
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			信号       | 信       | true
			信号       | 号       | true
			信号       | 信号     | false
			号         | 信号     | false
			bill shock | bill     | true
			billing    | bill     | false
			my bill    | bill     | true
			""")
	void aFeatureIsPartOfAnotherByCharactersInChineseAndByWholeWordsInEnglish(String longer, String shorter,
			boolean covers) {
		assertThat(ClassifierEngine.covers(longer, shorter)).isEqualTo(covers);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			感谢营业厅的张姐，帮我办业务特别耐心，必须表扬                  | praise     | positive | zh
			Thanks to the engineer who fixed my broadband, excellent work    | praise     | positive | en
			建议你们的app增加一个账单导出功能，每次报销都很麻烦              | suggestion | neutral  | zh
			It would be great if you could add a family data sharing option  | suggestion | neutral  | en
			请问怎么办理国际漫游？需要去营业厅吗？                           | inquiry    | neutral  | zh
			How can I check my remaining data balance?                       | inquiry    | neutral  | en
			我要投诉，你们乱扣话费，太差劲了                                 | complaint  | negative | zh
			This is unacceptable, I want to file a complaint about my bill   | complaint  | negative | en
			""")
	void decidesKindSentimentAndLanguage(String text, String kind, String sentiment, String language) {
		Decision decision = ENGINE.classify(text);
		assertThat(decision.head(Taxonomy.KIND).label()).as(text).isEqualTo(kind);
		assertThat(decision.head(Taxonomy.SENTIMENT).label()).as(text).isEqualTo(sentiment);
		assertThat(decision.language()).isEqualTo(language);
		assertThat(decision.head(Taxonomy.KIND).confidence()).isBetween(0.0, 1.0);
	}

	/** Questions, suggestions and praise without the words that usually announce them, and complaints put as questions. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			流量包月底是清零还是能结转到下个月？                                 | inquiry
			Is the student discount still on? I could not find it on your website. | inquiry
			上次的问题这回上门当天就修好了，师傅态度也好，给你们点个赞           | praise
			希望营业厅能多放几台样机让人试用                                     | suggestion
			能不能让快递员送货前先打个电话？                                     | suggestion
			You should have a plan for people who mostly make calls             | suggestion
			I want to thank the engineer who sorted out my line yesterday       | praise
			维修比说好的提前了一周，还送了张贴膜，满意                           | praise
			希望小程序也能开电子发票                                             | suggestion
			骚扰电话天天打进来，你们就不能管管吗？                               | complaint
			Ordered a lamp, it came with a dent. Not impressed at all.            | complaint
			新换的套餐真香，流量多还便宜                                         | praise
			Love your new app design, so much easier to find my bill            | praise
			商品详情页的参数能不能再详细点                                       | suggestion
			维修了两次还没修好，这样合理吗？                                     | complaint
			4G coverage on the motorway has improved a lot lately, no more dropped calls | praise
			套餐说好的不限量，用到20G就限速，这不是虚假宣传吗？                 | complaint
			买的牛奶过期两天了，你们仓库是不检查保质期的吗？                     | complaint
			这个套餐可以改成按月付吗？                                           | inquiry
			这个套餐是不限量的吗？                                               | inquiry
			Put on hold for 40 minutes and then cut off                         | complaint
			装了你们的光纤之后，晚上打游戏再也没卡过                             | praise
			第三次在你们家买了，东西一如既往的靠谱                               | praise
			Been with you five years and never once had to call support. That says it all. | praise
			Parcel came a day early and well packed, no complaints              | praise
			退款第二天就到账了，这效率没话说                                     | praise
			""")
	void decidesTheKindFromHowATextAsksPraisesOrSuggests(String text, String kind) {
		assertThat(ENGINE.classify(text).head(Taxonomy.KIND).label()).as(text).isEqualTo(kind);
	}

	@Test
	void explainsWithTheRulesThatFiredAndTheModelsFeatures() {
		Decision decision = ENGINE.classify("我要投诉，手机号138****1234这个月话费被乱扣了");
		assertThat(decision.head(Taxonomy.KIND).explanation()).anyMatch((line) -> line.startsWith("rule kind-complaint"));
		assertThat(decision.head(Taxonomy.CATEGORY).explanation()).anyMatch((line) -> line.startsWith("model: "));
		assertThat(decision.version()).startsWith(decision.modelVersion() + "+default-1-");
	}

	@Test
	void agreementOfRulesAndModelRaisesConfidence() {
		Decision agreed = ENGINE.classify("手机信号太差了，老是掉线，基站是不是坏了");
		Decision modelOnly = ENGINE.classify("家里那个东西最近老是不太行");
		assertThat(agreed.head(Taxonomy.CATEGORY).confidence())
			.isGreaterThan(modelOnly.head(Taxonomy.CATEGORY).confidence());
		assertThat(agreed.head(Taxonomy.CATEGORY).confidence()).isGreaterThan(0.8);
	}

	@Test
	void mixedChineseAndEnglishWithMaskedNumbersIsClassified() {
		Decision decision = ENGINE.classify("我的账号XXXX，这个月bill多扣了¥88，overcharged again，客服也不管，refund please");
		assertThat(decision.head(Taxonomy.CATEGORY).label()).isEqualTo("billing");
		assertThat(decision.head(Taxonomy.KIND).label()).isEqualTo("complaint");
		assertThat(decision.language()).isEqualTo("zh");
	}

	/**
	 * A model trained for one head ({@code bin/classifier train --head category}: another feature dimension than
	 * the service's) composed with a model of the kind and sentiment decides its head as it does alone, and the
	 * heads it lacks exactly as the other model does (without it they would score uniformly: every complaint to
	 * triage); the version names both models.
	 */
	@Test
	void aComposedModelDecidesEachHeadWithTheModelItComesFrom() {
		Taxonomy taxonomy = Taxonomy.load("telecom,retail");
		RuleSet rules = RuleSet.bundled(taxonomy);
		Map<String, @Nullable List<String>> heads = new LinkedHashMap<>();
		heads.put(Taxonomy.CATEGORY, null);
		TextModel category = new Trainer(1 << 14).train(SeedExamples.load(), heads, "seeds.csv", null, Instant.EPOCH);
		Map<String, @Nullable List<String>> others = new LinkedHashMap<>();
		others.put(Taxonomy.KIND, null);
		others.put(Taxonomy.SENTIMENT, null);
		TextModel stance = new Trainer(Trainer.SERVICE_DIMENSION).train(SeedExamples.load(), others, "seeds", null,
				Instant.EPOCH);
		Map<String, TextModel> fromStance = new LinkedHashMap<>();
		Taxonomy.HEADS.forEach((head) -> fromStance.put(head, stance));

		TextModel composed = category.withHeads(fromStance);

		assertThat(composed.version()).isEqualTo(category.version() + "/" + stance.version());
		assertThat(composed.headNames()).containsExactly(Taxonomy.CATEGORY, Taxonomy.KIND, Taxonomy.SENTIMENT);
		assertThat(stance.withHeads(Map.of(Taxonomy.KIND, category))).isSameAs(stance);
		assertThat(composed.withHeads(Map.of(Taxonomy.CATEGORY, stance))).isSameAs(composed);
		ClassifierEngine engine = new ClassifierEngine(taxonomy, () -> rules, () -> composed);
		ClassifierEngine byStance = new ClassifierEngine(taxonomy, () -> rules, () -> stance);
		ClassifierEngine byCategory = new ClassifierEngine(taxonomy, () -> rules, () -> category);
		for (String text : List.of("宽带又断网了，报修三天师傅都没上门，光猫一直红灯", "The staff member was rude, terrible attitude",
				"你们的客服小王非常耐心，帮我解决了问题，点个赞", "How do I change my plan to the 5G package?")) {
			Decision decision = engine.classify(text);
			assertThat(decision.modelVersion()).isEqualTo(composed.version());
			assertThat(decision.head(Taxonomy.CATEGORY)).as(text).isEqualTo(byCategory.classify(text).head(Taxonomy.CATEGORY));
			for (String head : List.of(Taxonomy.KIND, Taxonomy.SENTIMENT)) {
				assertThat(decision.head(head)).as(head + " of " + text).isEqualTo(byStance.classify(text).head(head));
				assertThat(composed.predict(head, text)).isEqualTo(stance.predict(head, text));
			}
		}
		assertThat(engine.classify("你们的客服小王非常耐心，帮我解决了问题，点个赞").head(Taxonomy.KIND).confidence())
			.isGreaterThan(0.5);
		assertThatIllegalStateException().isThrownBy(composed::toBytes).withMessageContaining("composed");
	}

	/**
	 * A model's heads need not be the taxonomy's, nor in its order, nor with its labels in its order (a head
	 * without examples is not trained; an uploaded model keeps its file's order): the engine finds each head
	 * and label where the model has it. Two models with the same heads trained from the same examples in
	 * opposite orders (category missing from both, labels in alphabetical order) decide alike.
	 */
	@Test
	void findsEachHeadAndLabelWhereTheModelHasThem() {
		Taxonomy taxonomy = Taxonomy.load("telecom,retail");
		RuleSet rules = RuleSet.bundled(taxonomy);
		Map<String, @Nullable List<String>> inOrder = new LinkedHashMap<>();
		inOrder.put(Taxonomy.KIND, null);
		inOrder.put(Taxonomy.SENTIMENT, null);
		Map<String, @Nullable List<String>> reversed = new LinkedHashMap<>();
		reversed.put(Taxonomy.SENTIMENT, null);
		reversed.put(Taxonomy.KIND, null);
		Trainer trainer = new Trainer(Trainer.SERVICE_DIMENSION);
		TextModel first = trainer.train(SeedExamples.load(), inOrder, "seeds", null, Instant.EPOCH);
		TextModel second = trainer.train(SeedExamples.load(), reversed, "seeds", null, Instant.EPOCH);
		assertThat(first.headNames()).containsExactly(Taxonomy.KIND, Taxonomy.SENTIMENT);
		assertThat(second.headNames()).containsExactly(Taxonomy.SENTIMENT, Taxonomy.KIND);
		assertThat(first.head(Taxonomy.KIND).labels()).isNotEqualTo(taxonomy.labels(Taxonomy.KIND));
		ClassifierEngine one = new ClassifierEngine(taxonomy, () -> rules, () -> first);
		ClassifierEngine other = new ClassifierEngine(taxonomy, () -> rules, () -> second);

		for (String text : List.of("宽带又断网了，报修三天师傅都没上门，光猫一直红灯", "The staff member was rude, terrible attitude",
				"你们的客服小王非常耐心，帮我解决了问题，点个赞", "How do I change my plan to the 5G package?",
				"希望以后营业厅能多开几个窗口")) {
			Decision a = one.classify(text);
			Decision b = other.classify(text);
			for (String head : Taxonomy.HEADS) {
				assertThat(b.head(head).label()).as(head + " of " + text).isEqualTo(a.head(head).label());
				assertThat(b.head(head).confidence()).as(head + " of " + text)
					.isCloseTo(a.head(head).confidence(), within(1e-12));
				assertThat(b.head(head).explanation()).as(head + " of " + text).isEqualTo(a.head(head).explanation());
			}
			assertThat(a.head(Taxonomy.KIND).explanation()).anyMatch((line) -> line.startsWith("model: "));
		}
		assertThat(one.classify("你们的客服小王非常耐心，帮我解决了问题，点个赞").head(Taxonomy.SENTIMENT).label())
			.isEqualTo("positive");
	}

}
