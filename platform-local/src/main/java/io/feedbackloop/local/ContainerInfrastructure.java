package io.feedbackloop.local;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Real Kafka and MongoDB images through Testcontainers, for machines with a Docker engine. Kept in
 * its own class so that the Testcontainers classes load only when this is selected.
 */
final class ContainerInfrastructure {

	static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

	static final String MONGO_IMAGE = "mongo:8.0";

	private ContainerInfrastructure() {
	}

	static TestInfrastructure.Endpoints start() {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			// Fail rather than skip: a run without Docker must never be reported as having passed
			// the Testcontainers tests.
			throw new IllegalStateException(
					"-Ptestcontainers needs a Docker engine and none is reachable; run without the profile to use the in-process broker and mongo-java-server");
		}
		KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
		MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
		kafka.start();
		mongo.start();
		String replicaSetUrl = mongo.getReplicaSetUrl();
		// getReplicaSetUrl() ends with "/test"; the services append their own database.
		String base = replicaSetUrl.substring(0, replicaSetUrl.lastIndexOf('/'));
		return new TestInfrastructure.Endpoints(kafka.getBootstrapServers(), base, "testcontainers");
	}

}
