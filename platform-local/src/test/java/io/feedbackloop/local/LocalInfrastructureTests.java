package io.feedbackloop.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalInfrastructureTests {

	@TempDir
	Path data;

	@Test
	void brokerKeepsRecordsAcrossARestartOnTheSameDataFolder() throws Exception {
		int port = Ports.free();
		int controllerPort = Ports.free();
		try (KafkaBroker broker = KafkaBroker.start(this.data.resolve("kafka"), port, controllerPort)) {
			TopicCreator.createAll(broker.bootstrapServers(), (short) 1);
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
					broker.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("feedback.intake", "customer-1", "kept")).get();
			}
		}
		try (KafkaBroker broker = KafkaBroker.start(this.data.resolve("kafka"), port, controllerPort)) {
			assertThat(readAll(broker.bootstrapServers(), "feedback.intake")).containsExactly("kept");
		}
	}

	@Test
	void mongoWireServerKeepsDocumentsInItsFileAcrossARestart() {
		Path file = this.data.resolve("mongo/db.mv");
		int port = Ports.free();
		try (MongoWireServer server = MongoWireServer.startInFile(file, port);
				MongoClient client = MongoClients.create(server.connectionString())) {
			client.getDatabase("test").getCollection("cases").insertOne(new Document("_id", "C-1"));
		}
		assertThat(Files.exists(file)).isTrue();
		try (MongoWireServer server = MongoWireServer.startInFile(file, port);
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> cases = client.getDatabase("test").getCollection("cases");
			assertThat(cases.find().into(new java.util.ArrayList<>())).extracting((d) -> d.getString("_id"))
				.containsExactly("C-1");
		}
	}

	@Test
	void smsGatewayAcceptsE164NumbersAndRefusesDuringAnOutage() throws Exception {
		try (SmsGateway gateway = SmsGateway.start(0)) {
			var http = java.net.http.HttpClient.newHttpClient();
			var send = (java.util.function.Function<String, Integer>) (body) -> {
				try {
					return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl() + "/v1/messages"))
						.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
						.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			};
			assertThat(send.apply("{\"to\":\"+8613800138000\",\"text\":\"您好\"}")).isEqualTo(201);
			assertThat(send.apply("{\"to\":\"13800138000\",\"text\":\"hi\"}")).isEqualTo(400);
			gateway.setAvailable(false);
			assertThat(send.apply("{\"to\":\"+8613800138000\",\"text\":\"again\"}")).isEqualTo(503);
			assertThat(gateway.accepted()).extracting(SmsGateway.SmsMessage::text).containsExactly("您好");
		}
	}

	@Test
	void smsGatewayOutageIsSwitchedOnAndOffOverHttp() throws Exception {
		try (SmsGateway gateway = SmsGateway.start(0)) {
			var http = java.net.http.HttpClient.newHttpClient();
			var call = (java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>>) (path,
					body) -> {
				try {
					return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl() + path))
						.method((body != null) ? "PUT" : "GET", (body != null)
								? java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
								: java.net.http.HttpRequest.BodyPublishers.noBody())
						.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			};
			assertThat(call.apply("/v1/availability", "{\"available\":false}").body()).isEqualTo("{\"available\":false}");
			assertThat(call.apply("/v1/availability", null).body()).isEqualTo("{\"available\":false}");
			var refused = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl() + "/v1/messages"))
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"to\":\"+8613800138000\",\"text\":\"hi\"}"))
				.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(call.apply("/v1/availability", "{\"available\":\"no\"}").statusCode()).isEqualTo(400);
			assertThat(call.apply("/v1/availability", "{\"available\":true}").body()).isEqualTo("{\"available\":true}");
		}
	}

	private static List<String> readAll(String bootstrap, String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
				"group.id", "check", "auto.offset.reset", "earliest"), new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<String> values = new java.util.ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (values.isEmpty() && System.nanoTime() < deadline) {
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
				records.forEach((r) -> values.add(r.value()));
			}
			return values;
		}
	}

}
