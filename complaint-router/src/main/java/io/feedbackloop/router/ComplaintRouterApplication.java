package io.feedbackloop.router;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ComplaintRouterApplication {

	public static void main(String[] args) {
		SpringApplication.run(ComplaintRouterApplication.class, args);
	}

}
