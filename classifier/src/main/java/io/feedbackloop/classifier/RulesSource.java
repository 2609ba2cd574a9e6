package io.feedbackloop.classifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The current rules: the bundled ones, or an operator's file that is re-read by {@link #refresh()} when its
 * content changed. A file that no longer parses keeps the rules in force (and {@link #refresh()} reports
 * why), so a typo never leaves the service without rules. Thread-safe.
 */
public final class RulesSource implements Supplier<RuleSet> {

	private final Taxonomy taxonomy;

	private final @Nullable Path file;

	private volatile RuleSet current;

	private volatile byte @Nullable [] content;

	private RulesSource(Taxonomy taxonomy, @Nullable Path file, RuleSet initial, byte @Nullable [] content) {
		this.taxonomy = taxonomy;
		this.file = file;
		this.current = initial;
		this.content = content;
	}

	public static RulesSource bundled(Taxonomy taxonomy) {
		return new RulesSource(taxonomy, null, RuleSet.bundled(taxonomy), null);
	}

	/** Rules from a file; a file that does not exist or does not parse fails now, naming the problem. */
	public static RulesSource file(Path file, Taxonomy taxonomy) {
		byte[] content = read(file);
		return new RulesSource(taxonomy, file, RuleSet.parse(content, taxonomy, file.toString()), content);
	}

	@Override
	public RuleSet get() {
		return this.current;
	}

	/**
	 * Re-reads the file when its content changed.
	 *
	 * @return true when new rules are in force
	 * @throws IllegalArgumentException when the changed file does not parse (the old rules stay)
	 */
	public synchronized boolean refresh() {
		if (this.file == null) {
			return false;
		}
		byte[] now = read(this.file);
		if (Arrays.equals(now, this.content)) {
			return false;
		}
		RuleSet parsed = RuleSet.parse(now, this.taxonomy, this.file.toString());
		this.content = now;
		this.current = parsed;
		return true;
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the rules file " + file, ex);
		}
	}

}
