# source me: environment for a private rabbitmq on 127.0.0.1 only.
# Template: realcloud/up.sh replaces @ROOT@ with $FERROCLOUD_REALCLOUD_DIR.
export HOME=@ROOT@/data/rabbitmq            # .erlang.cookie lives here
export RABBITMQ_NODENAME=rabbit@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=5672
export RABBITMQ_DIST_PORT=25672
export ERL_EPMD_ADDRESS=127.0.0.1
export ERL_EPMD_PORT=4369
export RABBITMQ_CONFIG_FILE=@ROOT@/etc/rabbitmq/rabbitmq.conf
export RABBITMQ_MNESIA_BASE=@ROOT@/data/rabbitmq/mnesia
export RABBITMQ_LOG_BASE=@ROOT@/logs/rabbitmq
export RABBITMQ_LOGS=-
export RABBITMQ_ENABLED_PLUGINS_FILE=@ROOT@/data/rabbitmq/enabled_plugins
export RABBITMQ_SERVER_START_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
