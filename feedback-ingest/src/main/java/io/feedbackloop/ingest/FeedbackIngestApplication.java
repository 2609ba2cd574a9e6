package io.feedbackloop.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(IngestProperties.class)
public class FeedbackIngestApplication {

	public static void main(String[] args) {
		SpringApplication.run(FeedbackIngestApplication.class, args);
	}

}
