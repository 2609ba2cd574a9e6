package io.feedbackloop.contracts;

/**
 * A logical, versioned event type: its name on the wire, its record class and its topic. A new
 * incompatible version is a new type ({@code .v2}) beside the old one, never a change to it.
 */
public record EventType<T>(String name, Class<T> dataClass, Topic topic) {

	@Override
	public String toString() {
		return this.name;
	}

}
