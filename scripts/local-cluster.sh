#!/usr/bin/env bash
# A Flink 2.2 standalone session cluster on this machine, started from the Maven-built
# distribution (testing/flink-dist/target/dist: lib/ and plugins/, no binary download) the way the
# cluster tests start it (jobs/src/test/.../LocalFlinkCluster): one JobManager and N TaskManagers
# as plain java processes, their memory parameters computed by Flink's BashJavaUtils, configured by
# flink-conf/config.yaml with local directories. For trying the cluster path on a laptop; a
# production cluster uses Flink's binary distribution (flink-conf/README.md).
#
#   scripts/local-cluster.sh start     start the JobManager and the TaskManagers, wait until ready
#   scripts/local-cluster.sh status    the processes and what the REST API reports
#   scripts/local-cluster.sh stop      stop them (SIGTERM, then SIGKILL after 20 s)
#   scripts/local-cluster.sh flink ARGS...
#                                      Flink's command line against this cluster, e.g.
#                                      flink run -d jobs/target/framewise-jobs-*-flink.jar backfill ...
#
# Environment: FRAMEWISE_CLUSTER_DIR (state: conf, logs, pids, checkpoints; default
# ./framewise-data/cluster), TASKMANAGERS (2), REST_PORT (8081), RPC_PORT (6123), FLINK_DIST,
# JAVA_HOME.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIST=${FLINK_DIST:-$ROOT/testing/flink-dist/target/dist}
STATE=${FRAMEWISE_CLUSTER_DIR:-$ROOT/framewise-data/cluster}
TASKMANAGERS=${TASKMANAGERS:-2}
REST_PORT=${REST_PORT:-8081}
RPC_PORT=${RPC_PORT:-6123}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
CONF=$STATE/conf

# What Flink's own config.yaml passes to every Flink JVM on Java 17 (env.java.opts.all).
JVM_OPTS=(
    --add-exports=java.base/sun.net.util=ALL-UNNAMED
    --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
    --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
    --add-opens=java.base/java.lang=ALL-UNNAMED
    --add-opens=java.base/java.net=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.text=ALL-UNNAMED
    --add-opens=java.base/java.time=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
    # config.yaml's env.java.opts.client/jobmanager/taskmanager, which Flink's scripts would add:
    # no AWS SDK v1 deprecation notice (with a stack trace) from the S3 plugin.
    -Daws.java.v1.disableDeprecationAnnouncement=true
)

# The tests' overrides of config.yaml for the processes: small memory, quick heartbeats.
DYNAMIC=(
    -D jobmanager.memory.process.size=768m
    -D taskmanager.memory.process.size=1600m
    -D taskmanager.memory.task.off-heap.size=256m
    -D heartbeat.interval=2000
    -D heartbeat.timeout=30000
)

die() {
    echo "local-cluster: $*" >&2
    exit 1
}

rest() {
    curl -sf --max-time 5 "http://localhost:$REST_PORT$1"
}

# The live pid of a pid file, or nothing.
live_pid() {
    local pid
    [[ -f $1 ]] || return 0
    pid=$(cat "$1")
    if kill -0 "$pid" 2>/dev/null; then
        echo "$pid"
    fi
}

# The JVM parameters (first line) and dynamic properties (second) Flink's scripts compute for a
# JobManager (GET_JM_RESOURCE_PARAMS) or a TaskManager (GET_TM_RESOURCE_PARAMS).
resource_params() {
    local out
    out=$("$JAVA" "${JVM_OPTS[@]}" -Xmx128m "-Dlog.file=$STATE/logs/bash-java-utils.log" \
        "-Dlog4j.configurationFile=$CONF/log4j.properties" -cp "$DIST/lib/*" \
        org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF" \
        "${DYNAMIC[@]}") || die "$1 failed: $out"
    echo "$out" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' | tail -n 2
}

# NAME CLASS LOGNAME: starts one Flink process in the background, its pid in pids/NAME.pid.
launch() {
    local name=$1 class=$2 log=$3 params jvm dyn
    params=$(resource_params "$4")
    jvm=$(echo "$params" | sed -n 1p)
    dyn=$(echo "$params" | sed -n 2p)
    # shellcheck disable=SC2086 # the computed parameters are words
    FLINK_CONF_DIR=$CONF FLINK_PLUGINS_DIR=$DIST/plugins nohup "$JAVA" "${JVM_OPTS[@]}" $jvm \
        "-Dlog.file=$STATE/logs/$log" "-Dlog4j.configurationFile=$CONF/log4j.properties" \
        -cp "$DIST/lib/*" "$class" --configDir "$CONF" $dyn "${DYNAMIC[@]}" \
        >"$STATE/logs/$name.out" 2>&1 </dev/null &
    echo $! >"$STATE/pids/$name.pid"
}

await() { # SECONDS WHAT COMMAND...
    local until=$((SECONDS + $1)) what=$2
    shift 2
    until "$@"; do
        ((SECONDS < until)) || die "timed out waiting for $what (logs: $STATE/logs)"
        sleep 1
    done
}

taskmanagers_registered() {
    local n
    n=$(rest /overview | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p')
    [[ -n $n && $n -ge $TASKMANAGERS ]]
}

start() {
    [[ -d $DIST/lib ]] || die "no distribution at $DIST: build it first," \
        "mvn -B -q install -DskipTests -pl testing/flink-dist -am"
    command -v curl >/dev/null || die "curl is needed to watch the REST API"
    [[ -z $(live_pid "$STATE/pids/jobmanager.pid") ]] || die "already running ($STATE)"
    mkdir -p "$CONF" "$STATE/logs" "$STATE/pids" "$STATE/checkpoints" "$STATE/savepoints"
    # config.yaml as it ships (its hosts are localhost), with the ports asked for and this
    # machine's directories for checkpoints and savepoints: flink run reads the same file, and
    # the job takes the directories from it.
    sed -e "s#file:///var/lib/framewise/checkpoints#file://$STATE/checkpoints#" \
        -e "s#file:///var/lib/framewise/savepoints#file://$STATE/savepoints#" \
        -e "s#^\( *port:\) 6123\$#\1 $RPC_PORT#" -e "s#^\( *port:\) 8081\$#\1 $REST_PORT#" \
        "$ROOT/flink-conf/config.yaml" >"$CONF/config.yaml"
    cp "$ROOT/flink-conf/log4j.properties" "$CONF/log4j.properties"

    launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
        jobmanager.log GET_JM_RESOURCE_PARAMS
    await 120 "the JobManager's REST API on port $REST_PORT" rest /overview >/dev/null
    for ((i = 0; i < TASKMANAGERS; i++)); do
        launch "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
            "taskmanager-$i.log" GET_TM_RESOURCE_PARAMS
    done
    await 120 "$TASKMANAGERS TaskManagers to register" taskmanagers_registered
    echo "Flink cluster up: http://localhost:$REST_PORT ($TASKMANAGERS TaskManagers; $STATE)"
    echo "Submit with: $0 flink run -d jobs/target/framewise-jobs-*-flink.jar COMMAND ..."
}

status() {
    local running=0 pid f
    for f in "$STATE"/pids/*.pid; do
        [[ -e $f ]] || continue
        pid=$(live_pid "$f")
        if [[ -n $pid ]]; then
            echo "$(basename "$f" .pid): running (pid $pid)"
            running=1
        else
            echo "$(basename "$f" .pid): not running"
        fi
    done
    if ((running == 0)); then
        echo "stopped"
        return 3
    fi
    if overview=$(rest /overview); then
        echo "REST http://localhost:$REST_PORT/overview: $overview"
    else
        echo "REST http://localhost:$REST_PORT: not answering"
    fi
}

stop() {
    local pid f pids=()
    for f in "$STATE"/pids/*.pid; do
        [[ -e $f ]] || continue
        pid=$(live_pid "$f")
        if [[ -n $pid ]]; then
            kill "$pid"
            pids+=("$pid")
        fi
        rm -f "$f"
    done
    for pid in "${pids[@]}"; do
        for ((i = 0; i < 20; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
        kill -9 "$pid" 2>/dev/null || true
    done
    echo "stopped (${#pids[@]} processes)"
}

flink() {
    [[ -f $CONF/config.yaml ]] || die "start the cluster first"
    # The client reads the cluster's config.yaml (REST address, checkpoint directories) and
    # loads the S3 file system from plugins/, as the job's main() lists storage on this host.
    FLINK_CONF_DIR=$CONF FLINK_PLUGINS_DIR=$DIST/plugins exec "$JAVA" "${JVM_OPTS[@]}" -Xmx384m \
        "-Dlog.file=$STATE/logs/cli.log" "-Dlog4j.configurationFile=$CONF/log4j.properties" \
        -cp "$DIST/lib/*" org.apache.flink.client.cli.CliFrontend "$@"
}

case ${1:-} in
start) start ;;
status) status ;;
stop) stop ;;
flink)
    shift
    flink "$@"
    ;;
*)
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
