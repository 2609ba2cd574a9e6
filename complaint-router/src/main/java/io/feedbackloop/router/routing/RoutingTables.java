package io.feedbackloop.router.routing;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.feedbackloop.router.web.FieldError;
import io.feedbackloop.router.web.InvalidRequestException;
import io.feedbackloop.router.web.StaleVersionException;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The routing table in {@code routing_table} (one document, {@code _id: "active"}). The configured
 * table seeds it on first start; from then on supervisors change it over the API, each change
 * checked and applied only to the version it was based on. Every instance reads it from there, so a
 * change applies everywhere at once.
 */
@Component
public class RoutingTables {

	static final String COLLECTION = "routing_table";

	static final String ACTIVE = "active";

	private final MongoCollection<Document> tables;

	private final RoutingTableValidator validator;

	private final Clock clock;

	RoutingTables(MongoDatabase database, RoutingProperties properties, Clock clock) {
		this.tables = database.getCollection(COLLECTION);
		this.validator = properties.validator();
		this.clock = clock;
		seed(properties.table());
		StoredRoutingTable stored = current();
		List<FieldError> errors = this.validator.check(stored.table());
		if (!errors.isEmpty()) {
			throw new IllegalStateException("The routing table stored in complaint_router." + COLLECTION + " (version "
					+ stored.version() + ", changed by " + stored.updatedBy() + ") does not fit the configuration: "
					+ errors.stream().map((e) -> e.field() + ": " + e.message()).collect(Collectors.joining("; "))
					+ ". Add what is missing to feedbackloop.routing, or delete that document to start again from "
					+ RoutingProperties.PREFIX + "table.");
		}
	}

	public StoredRoutingTable current() {
		Document document = this.tables.find(Filters.eq("_id", ACTIVE)).first();
		if (document == null) {
			throw new IllegalStateException("the routing table document is missing from " + COLLECTION);
		}
		return fromDocument(document);
	}

	/**
	 * Replaces the table, if it is valid and the stored one is still at the expected version.
	 * @throws InvalidRequestException naming every unknown category, department, tier...
	 * @throws StaleVersionException when someone changed it in between
	 */
	public StoredRoutingTable replace(RoutingTable table, long expectedVersion, String changedBy) {
		List<FieldError> errors = this.validator.check(table);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException("The routing table is not valid: " + errors.stream()
				.map((e) -> e.field() + ": " + e.message())
				.collect(Collectors.joining("; ")) + ".", errors);
		}
		Document updated = this.tables.findOneAndUpdate(
				new Document("_id", ACTIVE).append("version", expectedVersion),
				Updates.combine(Updates.set("defaultDepartment", table.defaultDepartment()),
						Updates.set("defaultOwnerRole", table.defaultOwnerRole()),
						Updates.set("rules", rulesToDocuments(table.rules())), Updates.set("updatedBy", changedBy),
						Updates.set("updatedAt", Date.from(this.clock.instant().truncatedTo(ChronoUnit.MILLIS))),
						Updates.inc("version", 1L)),
				new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
		if (updated == null) {
			throw new StaleVersionException("The routing table", expectedVersion, current().version());
		}
		return fromDocument(updated);
	}

	private void seed(RoutingTable table) {
		try {
			this.tables.insertOne(new Document("_id", ACTIVE).append("defaultDepartment", table.defaultDepartment())
				.append("defaultOwnerRole", table.defaultOwnerRole())
				.append("rules", rulesToDocuments(table.rules()))
				.append("version", 1L)
				.append("updatedBy", "configuration")
				.append("updatedAt", Date.from(this.clock.instant().truncatedTo(ChronoUnit.MILLIS))));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// Stored before: the stored table is the one in use.
		}
	}

	private static List<Document> rulesToDocuments(List<RoutingRule> rules) {
		return rules.stream()
			.map((rule) -> new Document("category", rule.category()).append("severity", rule.severity())
				.append("tier", rule.tier())
				.append("department", rule.department())
				.append("ownerRole", rule.ownerRole()))
			.toList();
	}

	private static StoredRoutingTable fromDocument(Document document) {
		List<RoutingRule> rules = new ArrayList<>();
		for (Document rule : document.getList("rules", Document.class, List.of())) {
			rules.add(new RoutingRule(rule.getString("category"), rule.getString("severity"), rule.getString("tier"),
					rule.getString("department"), rule.getString("ownerRole")));
		}
		return new StoredRoutingTable(
				new RoutingTable(document.getString("defaultDepartment"), document.getString("defaultOwnerRole"),
						rules),
				((Number) document.get("version")).longValue(), document.getString("updatedBy"),
				document.getDate("updatedAt").toInstant());
	}

}
