#!/bin/sh
# Creates the platform's topics on a Kafka cluster: the topics of contracts' Topics.ALL with their
# partition counts (system-tests' DeploymentFilesTests keeps this list equal to it). Every topic is
# keyed by customer id; dead-letter topics have as many partitions as the topics they collect from.
# Existing topics are left alone. Used by deploy/docker-compose.yml (kafka-topics) and by the
# Kubernetes Job in deploy/k8s/kafka-topics.yaml, with the apache/kafka image.
#   KAFKA_BOOTSTRAP_SERVERS   brokers to talk to
#   REPLICATION_FACTOR        copies of each partition (default 3)
#   MIN_INSYNC_REPLICAS       replicas that must have a record before acks=all answers (default 2)
set -eu
: "${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}"
replication=${REPLICATION_FACTOR:-3}
min_isr=${MIN_INSYNC_REPLICAS:-2}
kafka_topics=${KAFKA_TOPICS_COMMAND:-/opt/kafka/bin/kafka-topics.sh}

topic() { # name partitions
  "$kafka_topics" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor "$replication" \
    --config min.insync.replicas="$min_isr"
}

topic feedback.intake 6
topic complaint.cases 6
topic notification.deliveries 6
topic customer.signals 6
topic complaint-router.dlq 6
topic churn-analyzer.dlq 6
topic notification-service.dlq 6
topic feedback-ingest.dlq 6
"$kafka_topics" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --list
