package io.feedbackloop.ingest;

/**
 * The channel systems registered in every test context (configuration, as an operator would write
 * it: only the SHA-256 of each key), and their keys.
 */
public final class TestClients {

	/** May post for every channel; no practical rate limit. */
	public static final String ALL_CHANNELS_KEY = "test-key-all-channels-6b1f0c2d9e";

	/** May post for sms only. */
	public static final String SMS_ONLY_KEY = "test-key-sms-only-3c8d7e6f5a";

	/** Two permits, then one every 1000 seconds. */
	public static final String RATE_LIMITED_KEY = "test-key-rate-limited-9f8e7d6c5b";

	/** The old and the new key of a client in the middle of a rotation. */
	public static final String ROTATION_OLD_KEY = "test-key-rotation-old-1a2b3c4d5e";

	public static final String ROTATION_NEW_KEY = "test-key-rotation-new-5e4d3c2b1a";

	private static final String CLIENTS = "feedbackloop.ingest.security.clients.";

	public static final String P1 = CLIENTS + "all.channels=phone,sms,web,app";

	public static final String P2 = CLIENTS
			+ "all.key-sha256=cc22089113615d6f97441d6ca9799127bf768b3a5030fc5503aafe02b3f1688a";

	public static final String P3 = CLIENTS + "all.permits-per-second=100000";

	public static final String P4 = CLIENTS + "all.burst=100000";

	public static final String P5 = CLIENTS + "sms-gateway.channels=sms";

	public static final String P6 = CLIENTS
			+ "sms-gateway.key-sha256=323f49c864b41599d6d1c5bad0751462463f7eb24156cd8564ac4c71945533d0";

	public static final String P7 = CLIENTS + "slow.channels=phone,sms,web,app";

	public static final String P8 = CLIENTS
			+ "slow.key-sha256=7d67f4a0bc0b98761f07eecc92a2773c7e5b319b8757d658e5473be4490c6a47";

	public static final String P9 = CLIENTS + "slow.permits-per-second=0.001";

	public static final String P10 = CLIENTS + "slow.burst=2";

	public static final String P11 = CLIENTS + "rotating.channels=web";

	public static final String P12 = CLIENTS + "rotating.key-sha256="
			+ "6e7ba5ac6c3a34496000709a976a6c966dfe83eb9e246bfad91990108451f893,"
			+ "f7712bf4495753048bc642a6c3cc5d5880e10a4acc15a11283e112ed1c725bab";

	/** Short enough that the in-progress test is quick, long enough for a concurrent first to publish. */
	public static final String P13 = "feedbackloop.ingest.idempotency.in-progress-wait=3s";

	/** The master key the signing client's secrets are derived from. */
	public static final String HMAC_MASTER_KEY = "test-master-key-0123456789abcdef0123456789";

	/** A client that signs its requests, for sms and web, in the middle of a rotation (generations 1 and 2). */
	public static final String SIGNER = "signer";

	public static final String P14 = "feedbackloop.ingest.security.hmac-master-key=" + HMAC_MASTER_KEY;

	public static final String P15 = CLIENTS + SIGNER + ".channels=sms,web";

	public static final String P16 = CLIENTS + SIGNER + ".hmac-generations=1,2";

	public static final String[] ALL = { P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11, P12, P13, P14, P15, P16 };

	private TestClients() {
	}

}
