package io.feedbackloop.churn.intake;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/rebuild}: rebuilds the collections from the topics into fresh ones and,
 * with {@code swap=true}, stops this instance's consumers, rebuilds, renames the fresh collections
 * over the live ones and starts the consumers again. An operator endpoint: keep it off the public
 * ingress, and run it with one instance of the service (see the README's replay section).
 */
@RestController
@RequestMapping("/api/v1/admin/rebuild")
class RebuildController {

	static final List<String> BINDINGS = List.of("feedbackEvents-in-0", "caseEvents-in-0", "signalEvents-in-0");

	private static final Logger log = LoggerFactory.getLogger(RebuildController.class);

	private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("'rebuild'yyyyMMddHHmmss")
		.withZone(ZoneOffset.UTC);

	private final Rebuild rebuild;

	private final ObjectProvider<BindingsLifecycleController> bindings;

	private final Clock clock;

	RebuildController(Rebuild rebuild, ObjectProvider<BindingsLifecycleController> bindings, Clock clock) {
		this.rebuild = rebuild;
		this.bindings = bindings;
		this.clock = clock;
	}

	@PostMapping
	synchronized Rebuild.Result rebuild(@RequestParam(defaultValue = "false") boolean swap) {
		String suffix = SUFFIX.format(this.clock.instant());
		if (!swap) {
			return this.rebuild.rebuildInto(suffix);
		}
		BindingsLifecycleController controller = this.bindings.getIfAvailable();
		if (controller != null) {
			BINDINGS.forEach(controller::stop);
		}
		try {
			Rebuild.Result result = this.rebuild.rebuildInto(suffix);
			this.rebuild.swap(suffix);
			log.info("Swapped the rebuilt collections ({}) in", suffix);
			return result;
		}
		finally {
			if (controller != null) {
				BINDINGS.forEach(controller::start);
			}
		}
	}

}
