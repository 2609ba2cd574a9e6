// Initiates the three-member replica set of deploy/docker-compose.yml once (running it again changes
// nothing), then waits until a primary is elected, so that the services start against a writable set.
// mongosh --host mongo-1 --file init-replica-set.js
try {
  rs.status();
  print("replica set rs0 already initiated");
} catch (e) {
  rs.initiate({
    _id: "rs0",
    members: [
      { _id: 0, host: "mongo-1:27017" },
      { _id: 1, host: "mongo-2:27017" },
      { _id: 2, host: "mongo-3:27017" },
    ],
  });
  print("replica set rs0 initiated");
}
for (let waited = 0; !db.hello().primary; waited++) {
  if (waited >= 120) {
    throw new Error("no primary elected after 120 s");
  }
  sleep(1000);
}
print("primary: " + db.hello().primary);
