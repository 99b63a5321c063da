// The systemd unit `nectr serve --print-systemd-unit` prints: absolute paths of the Node.js and
// the nectr in use, since systemd's PATH finds neither (Debian's /usr/bin/node is Node 20, and
// the README's install puts Node 22 next to the clone), restarts on failure, and hardening.

export interface SystemdUnitInput {
  /** The Node.js binary running now. */
  node: string;
  /** bin/nectr.js of the install running now. */
  nectr: string;
  /** `nectr serve`'s arguments (host, port, concurrency, smee). */
  serveArgs: readonly string[];
}

/**
 * Node flags the daemon runs with. V8 grows its young generation to 16 MB semi-spaces after a
 * burst of deliveries and keeps it: each scavenge then pauses the request thread for several
 * milliseconds and the daemon holds some 30 MB more. With 4 MB, bench/daemon-ingest.bench.ts
 * measured the same throughput, a p99 at 1,000 deliveries a second about half as long, and a
 * peak RSS some 30 MB lower.
 */
export const DAEMON_NODE_FLAGS = ["--max-semi-space-size=4"];

export function systemdUnit(input: SystemdUnitInput): string {
  const execStart = [input.node, ...DAEMON_NODE_FLAGS, input.nectr, "serve", ...input.serveArgs].map(quoted).join(" ");
  return `# /etc/systemd/system/nectr.service — printed by nectr serve --print-systemd-unit
# Create the user once: useradd --system --home-dir /var/lib/nectr --shell /usr/sbin/nologin nectr
# Secrets (GH_TOKEN, OPENAI_API_KEY, NECTR_SECRET_KEY, …) go in /etc/nectr.env, mode 0600.
[Unit]
Description=nectr pull-request reviewer
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=nectr
Environment=NECTR_HOME=/var/lib/nectr
EnvironmentFile=-/etc/nectr.env
ExecStart=${execStart}
Restart=on-failure
RestartSec=5
KillSignal=SIGTERM
TimeoutStopSec=30
StateDirectory=nectr
StateDirectoryMode=0700
UMask=0077
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=read-only
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes

[Install]
WantedBy=multi-user.target
`;
}

/** systemd splits ExecStart on spaces; a path with one in it is quoted. */
function quoted(word: string): string {
  return /[\s"\\]/.test(word) ? `"${word.replace(/["\\]/g, "\\$&")}"` : word;
}
