package io.feedbackloop.router;

import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;

/** Moving a case through its process over the staff API, as a person does. */
public final class Transitions {

	private Transitions() {
	}

	/**
	 * Moves a case to a status, based on the version it has now (read first, sent as {@code If-Match}).
	 * @param api the router's staff API
	 * @param caseId the case
	 * @param apiKey who moves it
	 * @param status the status to move it to
	 * @param extraJson more members of the transition's JSON object (e.g. {@code "note":"..."}), or empty
	 * @return the answer to the transition
	 */
	public static Response transition(StaffApiClient api, String caseId, String apiKey, String status,
			String extraJson) {
		String etag = api.get("/api/v1/cases/" + caseId, apiKey).etag();
		return api.post("/api/v1/cases/" + caseId + "/transitions", apiKey, etag,
				"{\"status\":\"" + status + "\"" + (extraJson.isEmpty() ? "" : "," + extraJson) + "}");
	}

}
