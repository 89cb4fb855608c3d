/**
 * Why a request was refused, in the domain's words: the exceptions the sides' aggregates and services throw, each with
 * the envelope's error code. Nothing here knows HTTP; the web layer maps the codes to statuses.
 */
package org.hospital.platform.error;
