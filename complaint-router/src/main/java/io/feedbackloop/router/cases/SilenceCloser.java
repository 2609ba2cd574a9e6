package io.feedbackloop.router.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.feedbackloop.contracts.CaseStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes cases whose customer stayed silent for the configured period after the remedy was carried
 * out and the customer told: silence counts as acceptance. Runs on a schedule (see
 * {@link CaseJobs}); which cases are due depends only on the clock it is given, so a test hands it a
 * fixed clock instead of waiting.
 */
public class SilenceCloser {

	private static final Logger log = LoggerFactory.getLogger(SilenceCloser.class);

	/** How many cases one query reads. */
	private static final int PAGE_SIZE = 200;

	private final CaseStore store;

	private final CaseService cases;

	private final Duration silence;

	private final Clock clock;

	private final int pageSize;

	public SilenceCloser(CaseStore store, CaseService cases, CasesProperties properties, Clock clock) {
		this(store, cases, properties, clock, PAGE_SIZE);
	}

	/** @param pageSize how many cases one query reads */
	public SilenceCloser(CaseStore store, CaseService cases, CasesProperties properties, Clock clock, int pageSize) {
		if (pageSize < 1) {
			throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
		}
		this.store = store;
		this.cases = cases;
		this.silence = properties.confirmationSilence();
		this.clock = clock;
		this.pageSize = pageSize;
	}

	/** @return how many cases were closed */
	public int closeSilentCases() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Instant cutoff = now.minus(this.silence);
		String note = "Closed after " + describe(this.silence) + " without an answer from the customer since the "
				+ "remedy was carried out.";
		int closed = 0;
		// Page through by (statusChangedAt, id) from where the last page ended: cases the customer came
		// back to stay in the status, and re-reading from the start would find only them again.
		@Nullable ComplaintCase last = null;
		while (true) {
			List<ComplaintCase> due = this.store.inStatusSince(CaseStatus.REMEDY_CARRIED_OUT, cutoff, last,
					this.pageSize);
			for (ComplaintCase c : due) {
				if (this.cases.closeSilent(c, note, now)) {
					closed++;
				}
			}
			if (due.size() < this.pageSize) {
				break;
			}
			last = due.get(due.size() - 1);
		}
		if (closed > 0) {
			log.info("Closed {} case(s) after {} of customer silence", closed, this.silence);
		}
		return closed;
	}

	private static String describe(Duration duration) {
		return (duration.toHours() % 24 == 0 && duration.toDays() > 0) ? duration.toDays() + " days"
				: duration.toHours() + " hours";
	}

}
