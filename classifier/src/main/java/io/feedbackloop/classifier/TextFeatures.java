package io.feedbackloop.classifier;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Turns a text into a sparse hashed feature vector, with no segmenter and no dictionary:
 * <ul>
 * <li>Chinese: character 1-, 2- and 3-grams of every run of CJK characters (a number inside the run is one
 * placeholder character, so that {@code 扣了50元} and {@code 扣了80元} share their n-grams);</li>
 * <li>English (and any Latin script): lower-cased word unigrams and bigrams;</li>
 * <li>numbers: a masked number ({@code 138****1234}, {@code XXXX}, {@code ****}) and a long digit run
 * (phone, order or account number) become the token {@code <masked>}, any other number {@code <num>}.</li>
 * </ul>
 * Full-width ASCII is folded to half-width. Values are {@code 1 + log(tf)}, L2-normalised. Hashing
 * collisions are accepted (the dimension is a power of two, {@value #DEFAULT_DIMENSION} by default).
 * Thread-safe.
 */
public final class TextFeatures {

	public static final int DEFAULT_DIMENSION = 1 << 18;

	private static final int CJK_SEED = 0x1b873593;

	private static final int WORD_SEED = 0x5bd1e995;

	private static final int BIGRAM_SEED = 0x27d4eb2f;

	/** Chinese character n-grams up to this length (4-grams helped naive Bayes more than our model). */
	private static final int MAX_CJK_GRAM = 3;

	private static final char NUM = '0';

	private static final char MASKED = '*';

	private final int dimension;

	private final int mask;

	/** per thread, a count per index, all zero between texts: counting needs no sorting */
	private final ThreadLocal<int[]> counters;

	public TextFeatures(int dimension) {
		if (Integer.bitCount(dimension) != 1 || dimension < 16) {
			throw new IllegalArgumentException("The feature dimension must be a power of two >= 16, not " + dimension);
		}
		this.dimension = dimension;
		this.mask = dimension - 1;
		this.counters = ThreadLocal.withInitial(() -> new int[dimension]);
	}

	public int dimension() {
		return this.dimension;
	}

	/** A sparse vector: distinct indices (in the order first seen in the text) and their values. */
	public record Vector(int[] indices, float[] values) {

		public int size() {
			return this.indices.length;
		}

	}

	/** Receives each feature occurrence; {@code term} is only built when {@link #wantsTerms()}. */
	interface Sink {

		void add(int index, @Nullable String term);

		/** Whether word terms are wanted (words are few; they are built for bigram terms too). */
		boolean wantsTerms();

		/** Whether the term of this feature is wanted (asked only when {@link #wantsTerms()}; built only then). */
		boolean wantsTerm(int index);

		/** Whether nothing more is wanted: the rest of the text is not read. */
		default boolean done() {
			return false;
		}

	}

	public Vector vector(String text) {
		IntBuffer buffer = new IntBuffer();
		extract(text, buffer);
		return buffer.toVector(true, this.counters.get());
	}

	/** The same features with their raw counts (not normalised), for count-based models such as naive Bayes. */
	public Vector counts(String text) {
		IntBuffer buffer = new IntBuffer();
		extract(text, buffer);
		return buffer.toVector(false, this.counters.get());
	}

	/** The feature terms of a text by index (first term seen for an index), for explanations. */
	public Map<Integer, String> terms(String text) {
		return terms(text, null);
	}

	/**
	 * The terms of only the wanted feature indices (all when null): an explanation names a handful of
	 * features, so the strings of the others are never built.
	 */
	public Map<Integer, String> terms(String text, int @Nullable [] wanted) {
		if (wanted == null) {
			Map<Integer, String> terms = new LinkedHashMap<>();
			extract(text, new Sink() {
				@Override
				public void add(int index, @Nullable String term) {
					if (term != null) {
						terms.putIfAbsent(index, term);
					}
				}

				@Override
				public boolean wantsTerms() {
					return true;
				}

				@Override
				public boolean wantsTerm(int index) {
					return true;
				}
			});
			return terms;
		}
		String[] found = new String[wanted.length];
		int[] missing = { wanted.length };
		// a 64-bit filter of the wanted indices: most features are told apart without scanning the list
		long filter = 0;
		for (int index : wanted) {
			filter |= 1L << index;
		}
		long wantedBits = filter;
		extract(text, new Sink() {
			@Override
			public void add(int index, @Nullable String term) {
				if (term != null) {
					for (int k = 0; k < wanted.length; k++) {
						if (wanted[k] == index && found[k] == null) {
							found[k] = term;
							missing[0]--;
						}
					}
				}
			}

			@Override
			public boolean wantsTerms() {
				return true;
			}

			@Override
			public boolean wantsTerm(int index) {
				if ((wantedBits & (1L << index)) == 0) {
					return false;
				}
				for (int k = 0; k < wanted.length; k++) {
					if (wanted[k] == index && found[k] == null) {
						return true;
					}
				}
				return false;
			}

			@Override
			public boolean done() {
				return missing[0] == 0;
			}
		});
		Map<Integer, String> terms = new LinkedHashMap<>();
		for (int k = 0; k < wanted.length; k++) {
			if (found[k] != null) {
				terms.putIfAbsent(wanted[k], found[k]);
			}
		}
		return terms;
	}

	/**
	 * {@code zh} when the text has at least as many CJK characters as a quarter of its Latin letters (Chinese
	 * carries more per character), else {@code en}; {@code en} for a text with neither.
	 */
	public static String language(String text) {
		int cjk = 0;
		int latin = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isCjk(c)) {
				cjk++;
			}
			else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
				latin++;
			}
		}
		return (cjk > 0 && cjk * 4 >= latin) ? "zh" : "en";
	}

	private void extract(String text, Sink sink) {
		int n = text.length();
		char[] run = new char[Math.min(n, 4096) + 1];
		int runLength = 0;
		char[] word = new char[64];
		char[] previousWord = new char[64];
		int previousLength = 0;
		int previousWordHash = 0;
		boolean hasPreviousWord = false;
		@Nullable String previousToken = "";
		boolean terms = sink.wantsTerms();
		int i = 0;
		while (i < n) {
			if (terms && sink.done()) {
				return;
			}
			char c = fold(text.charAt(i));
			if (isCjk(c)) {
				if (runLength == run.length) {
					emitRun(run, runLength, sink);
					runLength = 0;
				}
				run[runLength++] = c;
				hasPreviousWord = false;
				i++;
				continue;
			}
			if (isWordChar(c)) {
				int start = i;
				int length = 0;
				boolean digits = false;
				boolean masks = false;
				boolean letters = false;
				while (i < n) {
					char d = fold(text.charAt(i));
					if (!isWordChar(d)) {
						break;
					}
					if (d >= '0' && d <= '9') {
						digits = true;
					}
					else if (d == '*' || d == '#') {
						masks = true;
					}
					else {
						letters = true;
					}
					if (length < word.length) {
						word[length] = d;
					}
					length++;
					i++;
				}
				@Nullable String token = null;
				@Nullable String constant = null;
				int hash;
				char placeholder = 0;
				if (isMasked(text, start, i, digits, masks, letters, length)) {
					hash = mix(WORD_SEED ^ 0x7f4a7c15);
					placeholder = MASKED;
					constant = "<masked>";
				}
				else if (digits && !letters) {
					hash = mix(WORD_SEED ^ 0x61c88647);
					placeholder = NUM;
					constant = "<num>";
				}
				else if (masks && !letters && !digits) {
					// stray asterisks: not a word
					continue;
				}
				else {
					int h = WORD_SEED;
					int stored = Math.min(length, word.length);
					for (int k = 0; k < stored; k++) {
						h = (h ^ word[k]) * 0x01000193;
					}
					hash = mix(h ^ length);
				}
				int stored = (constant != null) ? 0 : Math.min(length, word.length);
				int index = hash & this.mask;
				if (terms && sink.wantsTerm(index)) {
					token = (constant != null) ? constant : new String(word, 0, stored);
				}
				if (placeholder != 0 && runLength > 0 && runLength < run.length) {
					// a number inside Chinese text stays part of the character run
					run[runLength++] = placeholder;
				}
				else if (runLength > 0) {
					emitRun(run, runLength, sink);
					runLength = 0;
				}
				sink.add(index, token);
				if (hasPreviousWord) {
					int bigram = mix(previousWordHash * BIGRAM_SEED + hash) & this.mask;
					// the term of a bigram only when it is wanted: its two words are kept as characters
					sink.add(bigram, (terms && sink.wantsTerm(bigram))
							? ((previousToken != null) ? previousToken : new String(previousWord, 0, previousLength))
									+ " " + ((constant != null) ? constant : new String(word, 0, stored))
							: null);
				}
				previousWordHash = hash;
				previousToken = constant;
				if (terms && constant == null) {
					System.arraycopy(word, 0, previousWord, 0, stored);
					previousLength = stored;
				}
				hasPreviousWord = true;
				continue;
			}
			// punctuation or space: ends a Chinese run; sentence punctuation ends a bigram chain
			if (runLength > 0 && !(c == ' ' && i + 1 < n && isCjk(fold(text.charAt(i + 1))))) {
				emitRun(run, runLength, sink);
				runLength = 0;
			}
			if (c != ' ' && c != '\'' && c != '-') {
				hasPreviousWord = false;
			}
			i++;
		}
		if (runLength > 0) {
			emitRun(run, runLength, sink);
		}
	}

	private void emitRun(char[] run, int length, Sink sink) {
		boolean terms = sink.wantsTerms();
		for (int i = 0; i < length; i++) {
			int h = CJK_SEED;
			for (int k = 0; k < MAX_CJK_GRAM && i + k < length; k++) {
				h = (h ^ run[i + k]) * 0x01000193;
				// a placeholder alone is the number token already
				if (k == 0 && (run[i] == NUM || run[i] == MASKED)) {
					continue;
				}
				int index = mix(h ^ (k + 1)) & this.mask;
				sink.add(index, (terms && sink.wantsTerm(index)) ? new String(run, i, k + 1) : null);
			}
		}
	}

	private static boolean isMasked(String text, int start, int end, boolean digits, boolean masks, boolean letters,
			int length) {
		if (digits && masks && !letters) {
			return true;
		}
		if (masks && !digits && !letters && length >= 3) {
			return true;
		}
		if (digits && !letters && length >= 7) {
			return true;
		}
		if (letters && length >= 3) {
			// XXXX, xxx1234, 138xxxx1234
			int x = 0;
			for (int k = start; k < end; k++) {
				char c = fold(text.charAt(k));
				if (c == 'x') {
					x++;
				}
				else if (!(c >= '0' && c <= '9') && c != '*' && c != '#') {
					return false;
				}
			}
			return x >= 3 || (x >= 2 && digits);
		}
		return false;
	}

	private static boolean isWordChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' || c == '#'
				|| (c > 0x7f && Character.isLetterOrDigit(c) && !isCjk(c));
	}

	static boolean isCjk(char c) {
		return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
	}

	/** Full-width ASCII to half-width, upper to lower case. */
	private static char fold(char c) {
		if (c >= 0xff01 && c <= 0xff5e) {
			c = (char) (c - 0xfee0);
		}
		else if (c == 0x3000) {
			return ' ';
		}
		if (c >= 'A' && c <= 'Z') {
			return (char) (c + 32);
		}
		if (c < 0x80) {
			return c;
		}
		return Character.toLowerCase(c);
	}

	private static int mix(int h) {
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		h ^= h >>> 16;
		return h;
	}

	/** Collects indices, then counts them. */
	private static final class IntBuffer implements Sink {

		private int[] values = new int[256];

		private int size;

		@Override
		public boolean wantsTerm(int index) {
			return false;
		}

		@Override
		public void add(int index, @Nullable String term) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = index;
		}

		@Override
		public boolean wantsTerms() {
			return false;
		}

		/** {@code counts} is all zero before and after. */
		Vector toVector(boolean normalise, int[] counts) {
			int distinct = 0;
			for (int i = 0; i < this.size; i++) {
				int index = this.values[i];
				if (counts[index]++ == 0) {
					// distinct <= i: the first-seen order overwrites what was already read
					this.values[distinct++] = index;
				}
			}
			int[] indices = Arrays.copyOf(this.values, distinct);
			float[] weights = new float[distinct];
			for (int k = 0; k < distinct; k++) {
				weights[k] = counts[indices[k]];
				counts[indices[k]] = 0;
			}
			if (!normalise) {
				return new Vector(indices, weights);
			}
			double norm = 0;
			for (int i = 0; i < distinct; i++) {
				weights[i] = (float) (1 + Math.log(weights[i]));
				norm += weights[i] * weights[i];
			}
			if (norm > 0) {
				float scale = (float) (1 / Math.sqrt(norm));
				for (int i = 0; i < distinct; i++) {
					weights[i] *= scale;
				}
			}
			return new Vector(indices, weights);
		}

	}

}
