package io.feedbackloop.router.classification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.feedbackloop.contracts.FeedbackKind;

/**
 * A first, deliberately simple classifier: Chinese and English cue terms per kind and per category,
 * counted in the text. The category with most cue hits wins; ties go to the category listed first.
 * It explains itself by the terms it found.
 */
public class KeywordClassifier implements Classifier {

	static final String VERSION = "keywords-1";

	static final String OTHER = "other";

	private static final Map<FeedbackKind, List<String>> KIND_CUES = new LinkedHashMap<>();

	private static final Map<String, List<String>> CATEGORY_CUES = new LinkedHashMap<>();

	static {
		KIND_CUES.put(FeedbackKind.COMPLAINT,
				List.of("投诉", "不满", "太差", "很差", "差劲", "垃圾", "故障", "坏了", "退款", "赔偿", "乱扣", "多扣", "骗", "无法",
						"不能", "没有信号", "太慢", "一直", "还没", "没人", "态度恶劣", "气愤", "失望", "complain", "complaint",
						"terrible", "awful", "worst", "refund", "broken", "not working", "doesn't work", "does not work",
						"unacceptable", "angry", "disappointed", "overcharged", "still waiting", "no signal", "rude",
						"useless", "cancel"));
		KIND_CUES.put(FeedbackKind.PRAISE, List.of("表扬", "感谢", "谢谢", "满意", "好评", "点赞", "很好", "非常好", "耐心", "专业",
				"thank", "thanks", "great", "excellent", "praise", "helpful", "amazing", "appreciate", "well done"));
		KIND_CUES.put(FeedbackKind.SUGGESTION, List.of("建议", "希望", "能否增加", "可以增加", "最好能", "改进", "suggest",
				"suggestion", "would be nice", "please add", "it would help", "could you add", "improve"));
		KIND_CUES.put(FeedbackKind.INQUIRY, List.of("请问", "咨询", "怎么", "如何", "是否", "多少钱", "吗？", "吗?", "how do i",
				"how can i", "what is", "can i", "is it possible", "when will", "?", "？"));

		CATEGORY_CUES.put("network", List.of("信号", "网络", "掉线", "基站", "通话中断", "5g", "4g", "signal", "coverage",
				"network", "dropped call", "no service"));
		CATEGORY_CUES.put("billing", List.of("资费", "话费", "扣费", "乱扣", "多扣", "账单", "套餐费", "收费", "bill", "billing",
				"charge", "charged", "fee", "invoice", "tariff"));
		CATEGORY_CUES.put("data", List.of("流量", "上网慢", "网速", "data", "mobile data", "speed"));
		CATEGORY_CUES.put("broadband", List.of("宽带", "光纤", "路由器", "wifi", "broadband", "fiber", "fibre", "router"));
		CATEGORY_CUES.put("device", List.of("终端", "手机坏", "机器", "设备", "handset", "device", "phone is broken", "sim card"));
		CATEGORY_CUES.put("promotion", List.of("促销", "活动", "优惠", "赠送", "promotion", "offer", "discount", "coupon"));
		CATEGORY_CUES.put("staff", List.of("态度", "服务态度", "营业员", "客服人员", "工作人员", "不耐烦", "attitude", "rude", "staff",
				"agent was", "impolite"));
		CATEGORY_CUES.put("delivery", List.of("物流", "快递", "送货", "配送", "发货", "delivery", "courier", "shipping",
				"parcel", "package"));
		CATEGORY_CUES.put("quality", List.of("质量", "破损", "次品", "假货", "quality", "defective", "damaged", "fake"));
		CATEGORY_CUES.put("payment", List.of("支付", "付款", "退款", "payment", "pay", "refund"));
	}

	@Override
	public Classification classify(String text, String language) {
		String lower = text.toLowerCase(Locale.ROOT);
		List<String> evidence = new ArrayList<>();
		FeedbackKind kind = FeedbackKind.COMPLAINT;
		int kindHits = 0;
		int totalKindHits = 0;
		for (Map.Entry<FeedbackKind, List<String>> entry : KIND_CUES.entrySet()) {
			List<String> found = found(lower, entry.getValue());
			totalKindHits += found.size();
			if (found.size() > kindHits) {
				kind = entry.getKey();
				kindHits = found.size();
			}
		}
		evidence.addAll(found(lower, KIND_CUES.get(kind)).stream().map((term) -> "kind:" + term).toList());

		String category = OTHER;
		int categoryHits = 0;
		for (Map.Entry<String, List<String>> entry : CATEGORY_CUES.entrySet()) {
			List<String> found = found(lower, entry.getValue());
			if (found.size() > categoryHits) {
				category = entry.getKey();
				categoryHits = found.size();
			}
		}
		if (!OTHER.equals(category)) {
			evidence.addAll(found(lower, CATEGORY_CUES.get(category)).stream().map((t) -> "category:" + t).toList());
		}
		// Share of the kind cues that point the winning way; nothing found at all is a weak guess.
		double confidence = (totalKindHits == 0) ? 0.3 : 0.5 + 0.5 * kindHits / (double) totalKindHits;
		String sentiment = switch (kind) {
			case COMPLAINT -> "negative";
			case PRAISE -> "positive";
			default -> "neutral";
		};
		return new Classification(kind, category, Math.min(confidence, 0.95), sentiment, VERSION, evidence);
	}

	private static List<String> found(String text, List<String> cues) {
		return cues.stream().filter(text::contains).toList();
	}

}
