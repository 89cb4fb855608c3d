/** The query side: projections of the domain events into PostgreSQL views and the read endpoints over them. */
package org.hospital.query;
