package io.feedbackloop.router.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.classification.Classification;
import io.feedbackloop.router.classification.EngineClassifier;
import io.feedbackloop.router.classification.ModelStore;
import io.feedbackloop.router.classification.ShadowResults;
import io.feedbackloop.router.web.NotFoundException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/classifier/models/{version}/shadow-results}: what a supervisor needs before activating
 * a version run in shadow. Per head, how often it agreed with the active model; and, on the records whose
 * case a person then classified or corrected, how often each model had the person's kind and category: the
 * question agreement alone cannot answer (a new model that disagrees may be the one that is right).
 */
@RestController
class ShadowReport {

	private static final int BATCH = 500;

	private static final List<String> JUDGED = List.of(Taxonomy.KIND, Taxonomy.CATEGORY);

	private final ShadowResults results;

	private final CaseStore cases;

	private final ModelStore models;

	ShadowReport(ShadowResults results, CaseStore cases, ModelStore models) {
		this.results = results;
		this.cases = cases;
		this.models = models;
	}

	@GetMapping("/api/v1/classifier/models/{version}/shadow-results")
	Map<String, Object> report(@PathVariable String version) {
		if (this.models.find(version).isEmpty()) {
			throw new NotFoundException("No classifier model version '" + version + "'.");
		}
		Map<String, long[]> agreement = new LinkedHashMap<>();
		Map<String, long[]> judged = new LinkedHashMap<>();
		Taxonomy.HEADS.forEach((head) -> agreement.put(head, new long[2]));
		JUDGED.forEach((head) -> judged.put(head, new long[2]));
		long[] compared = new long[2];
		this.results.forEach(version, BATCH, (batch) -> {
			List<String> feedbackIds = new ArrayList<>(batch.size());
			for (ShadowResults.Compared c : batch) {
				compared[0]++;
				agreement.forEach((head, counts) -> {
					String active = c.active().get(head);
					if (active != null) {
						counts[0]++;
						counts[1] += active.equals(c.shadow().get(head)) ? 1 : 0;
					}
				});
				if (c.feedbackId() != null) {
					feedbackIds.add(c.feedbackId());
				}
			}
			Map<String, Classification> people = this.cases.correctedByFeedback(feedbackIds);
			for (ShadowResults.Compared c : batch) {
				Classification person = (c.feedbackId() != null) ? people.get(c.feedbackId()) : null;
				if (person == null) {
					continue;
				}
				compared[1]++;
				Map<String, String> right = Map.of(Taxonomy.KIND, person.kind().wireName(), Taxonomy.CATEGORY,
						person.category());
				judged.forEach((head, counts) -> {
					counts[0] += right.get(head).equals(c.active().get(head)) ? 1 : 0;
					counts[1] += right.get(head).equals(c.shadow().get(head)) ? 1 : 0;
				});
			}
		});
		Map<String, Object> heads = new LinkedHashMap<>();
		agreement.forEach((head, counts) -> {
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("compared", counts[0]);
			figures.put("agree", counts[1]);
			figures.put("agreement", (counts[0] == 0) ? 0.0 : EngineClassifier.round((double) counts[1] / counts[0]));
			heads.put(head, figures);
		});
		Map<String, Object> byPeople = new LinkedHashMap<>();
		byPeople.put("records", compared[1]);
		judged.forEach((head, counts) -> {
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("activeRight", counts[0]);
			figures.put("shadowRight", counts[1]);
			byPeople.put(head, figures);
		});
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("version", version);
		body.put("compared", compared[0]);
		body.put("heads", heads);
		body.put("classifiedByPeople", byPeople);
		return body;
	}

}
