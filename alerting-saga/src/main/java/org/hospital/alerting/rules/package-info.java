/**
 * The clinical alert rules as pure functions of values: the threshold rules of docs/api.md, Alert rules and NEWS2 (RCP
 * 2017). No Spring, no Axon, no clock, so that every band edge is proven by a table test.
 */
package org.hospital.alerting.rules;
