package io.feedbackloop.ingest.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.jspecify.annotations.Nullable;

/**
 * The operators' command for the clients in MongoDB ({@code api_clients}); every instance picks a
 * change up within {@code refresh-interval}, without a restart. Run with the service's jar:
 *
 * <pre>
 * MONGODB_URI=mongodb://… java -cp feedback-ingest-exec.jar \
 *   -Dloader.main=io.feedbackloop.ingest.security.ClientAdmin \
 *   org.springframework.boot.loader.launch.PropertiesLauncher put callcentre-gz --channels phone \
 *   --key-sha256 3f1c… [--hmac-generations 1] [--permits-per-second 200] [--burst 500]
 * … revoke callcentre-gz
 * … list
 * </pre>
 */
public final class ClientAdmin {

	static final String USAGE = """
			usage: put <client id> --channels phone,sms,web,app [--key-sha256 HASH[,HASH]] \
			[--hmac-generations N[,N]] [--permits-per-second 200] [--burst 500]
			       revoke <client id>
			       list""";

	private ClientAdmin() {
	}

	public static void main(String[] args) {
		String uri = System.getenv().getOrDefault("MONGODB_URI", "mongodb://127.0.0.1:27017");
		String database = System.getenv().getOrDefault("MONGODB_DATABASE", "feedback_ingest");
		try (MongoClient mongo = MongoClients.create(uri)) {
			ClientStore store = new ClientStore(mongo.getDatabase(database), Clock.systemUTC(), Duration.ofSeconds(10));
			System.out.println(run(Arrays.asList(args), store));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
	}

	/**
	 * Carries out one command.
	 * @return what to print
	 * @throws IllegalArgumentException for a bad command line or client definition
	 */
	static String run(List<String> args, ClientStore store) {
		if (args.isEmpty()) {
			throw new IllegalArgumentException(USAGE);
		}
		switch (args.get(0)) {
			case "list" -> {
				StringBuilder out = new StringBuilder();
				store.all().forEach((id, stored) -> out.append(id)
					.append(stored.revoked() ? " revoked" : " channels=" + stored.client().channels() + " keys="
							+ stored.client().keySha256().size() + " hmac-generations="
							+ stored.client().hmacGenerations())
					.append('\n'));
				return out.toString().strip();
			}
			case "revoke" -> {
				store.revoke(id(args));
				return "revoked " + id(args);
			}
			case "put" -> {
				String id = id(args);
				Map<String, String> options = options(args.subList(2, args.size()));
				ClientProperties.Client client = new ClientProperties.Client(list(options.get("channels")),
						list(options.get("key-sha256")),
						list(options.get("hmac-generations")).stream().map(Integer::valueOf).toList(),
						Double.parseDouble(options.getOrDefault("permits-per-second", "200")),
						Integer.parseInt(options.getOrDefault("burst", "500")));
				store.put(id, client);
				return "stored " + id;
			}
			default -> throw new IllegalArgumentException(USAGE);
		}
	}

	private static String id(List<String> args) {
		if (args.size() < 2 || args.get(1).startsWith("--")) {
			throw new IllegalArgumentException(USAGE);
		}
		return args.get(1);
	}

	private static Map<String, String> options(List<String> args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.size(); i += 2) {
			if (!args.get(i).startsWith("--") || i + 1 >= args.size()) {
				throw new IllegalArgumentException(USAGE);
			}
			options.put(args.get(i).substring(2), args.get(i + 1));
		}
		return options;
	}

	private static List<String> list(@Nullable String value) {
		List<String> list = new ArrayList<>();
		if (value != null) {
			for (String part : value.split(",")) {
				if (!part.isBlank()) {
					list.add(part.strip());
				}
			}
		}
		return list;
	}

}
