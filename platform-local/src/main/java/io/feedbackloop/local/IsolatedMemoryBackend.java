package io.feedbackloop.local;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * mongo-java-server's memory backend, except that what a client reads is a copy taken under the
 * collection's lock. The plain backend answers {@code find} and {@code findAndModify} with the stored
 * documents themselves and encodes them onto the wire after releasing the lock: an update of the same
 * document by another connection at that moment throws {@code ConcurrentModificationException} in the
 * encoder and the server drops the connection (the driver sees "Prematurely reached end of stream").
 * A real MongoDB never does that, so neither may the tests' server.
 */
final class IsolatedMemoryBackend extends MemoryBackend {

	@Override
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		return new IsolatedDatabase(databaseName, getCursorRegistry());
	}

	private static final class IsolatedDatabase extends MemoryDatabase {

		IsolatedDatabase(String databaseName, CursorRegistry cursorRegistry) {
			super(databaseName, cursorRegistry);
		}

		@Override
		protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
			return new IsolatedCollection(this, collectionName, options, this.cursorRegistry);
		}

	}

	private static final class IsolatedCollection extends MemoryCollection {

		/**
		 * Above zero while an operation of this collection reads its own documents to change them
		 * (findAndModify, delete): those reads must see the stored documents, not copies. Guarded by
		 * the collection's lock, which every entry point holds.
		 */
		private int internalReads;

		IsolatedCollection(MongoDatabase database, String collectionName, CollectionOptions options,
				CursorRegistry cursorRegistry) {
			super(database, collectionName, options, cursorRegistry);
		}

		@Override
		public synchronized Document findAndModify(Document query) {
			Document result;
			this.internalReads++;
			try {
				result = super.findAndModify(query);
			}
			finally {
				this.internalReads--;
			}
			if (result.get("value") instanceof Document value) {
				result.put("value", value.cloneDeeply());
			}
			return result;
		}

		@Override
		public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
			this.internalReads++;
			try {
				return super.deleteDocuments(selector, limit, oplog);
			}
			finally {
				this.internalReads--;
			}
		}

		@Override
		public synchronized QueryResult handleQuery(QueryParameters queryParameters) {
			QueryResult result = super.handleQuery(queryParameters);
			if (this.internalReads > 0) {
				return result;
			}
			List<Document> copies = new ArrayList<>();
			for (Document document : result) {
				copies.add(document.cloneDeeply());
			}
			return new QueryResult(copies, result.getCursorId());
		}

		@Override
		protected Cursor createCursor(List<Document> remainingDocuments) {
			// The documents beyond the first batch are read later by getMore, outside the lock.
			List<Document> copies = new ArrayList<>(remainingDocuments.size());
			for (Document document : remainingDocuments) {
				copies.add(document.cloneDeeply());
			}
			return super.createCursor(copies);
		}

	}

}
