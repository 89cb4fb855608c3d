/**
 * The FHIR R4 read interface (docs/fhir.md): the encounter, its vital signs, NEWS2 and alerts as FHIR resources under
 * {@code /fhir/r4}, read from the same views and under the same access rules as the REST API.
 */
package org.hospital.query.fhir;
