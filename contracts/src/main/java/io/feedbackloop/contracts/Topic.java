package io.feedbackloop.contracts;

/**
 * A Kafka topic with the one service that writes to it. Every topic is keyed by the customer id,
 * so that all events about one customer land in one partition and stay in order.
 *
 * @param name the topic name
 * @param writer the only service that publishes to it
 * @param partitions partitions created for it on a fresh broker
 */
public record Topic(String name, String writer, int partitions) {

	@Override
	public String toString() {
		return this.name;
	}

}
