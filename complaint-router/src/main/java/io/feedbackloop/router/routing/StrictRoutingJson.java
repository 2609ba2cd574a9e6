package io.feedbackloop.router.routing;

import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Refuses unknown properties in a routing-table change ({@code PUT /api/v1/routing-table}), which the JSON
 * mapper otherwise skips: in the rule {@code {"categroy":"billing","severity":"critical","department":"billing"}}
 * the misspelt criterion would be dropped and the rule send every critical complaint to billing, and a misspelt
 * {@code "rule"} would replace the table with one without rules. The answer is {@code 400} validation-failed
 * naming the property ({@code rules[0].categroy}). Other request bodies stay as lenient as they were.
 */
@Component
class StrictRoutingJson implements JsonMapperBuilderCustomizer {

	private static final Set<Class<?>> STRICT = Set.of(RoutingController.TableChange.class, RoutingRule.class);

	@Override
	public void customize(JsonMapper.Builder builder) {
		builder.addHandler(new DeserializationProblemHandler() {

			@Override
			public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
					ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
				Class<?> type = (beanOrClass instanceof Class<?> c) ? c : beanOrClass.getClass();
				if (STRICT.contains(type)) {
					throw UnrecognizedPropertyException.from(parser, beanOrClass, propertyName,
							deserializer.getKnownPropertyNames());
				}
				return false;
			}

		});
	}

}
