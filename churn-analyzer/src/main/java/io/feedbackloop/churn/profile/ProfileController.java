package io.feedbackloop.churn.profile;

import io.feedbackloop.churn.system.NotFoundException;
import io.feedbackloop.contracts.CustomerId;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read access to customer profiles for agents, CRM systems and the churn dashboards. */
@RestController
@RequestMapping("/api/v1/customers")
class ProfileController {

	private final ProfileStore profiles;

	ProfileController(ProfileStore profiles) {
		this.profiles = profiles;
	}

	@GetMapping("/{customerId}")
	CustomerProfile get(@PathVariable String customerId) {
		return this.profiles.find(new CustomerId(customerId))
			.orElseThrow(() -> new NotFoundException("No profile for customer " + customerId));
	}

}
