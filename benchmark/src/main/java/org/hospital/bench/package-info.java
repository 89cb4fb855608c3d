/** An outside client that drives an open-model vitals load against a running system and reports latency and loss. */
package org.hospital.bench;
