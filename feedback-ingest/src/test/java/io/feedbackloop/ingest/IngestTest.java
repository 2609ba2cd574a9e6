package io.feedbackloop.ingest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one application context most tests share: the service on a random port, against the shared
 * real broker and MongoDB-wire server, with the {@link TestClients} registered.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { TestClients.P1, TestClients.P2, TestClients.P3, TestClients.P4, TestClients.P5,
				TestClients.P6, TestClients.P7, TestClients.P8, TestClients.P9, TestClients.P10, TestClients.P11,
				TestClients.P12, TestClients.P13, TestClients.P14, TestClients.P15, TestClients.P16 })
public @interface IngestTest {

}
