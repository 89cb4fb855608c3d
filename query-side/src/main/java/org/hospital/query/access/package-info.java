/** Who may read which encounter or patient (docs/api.md, Roles ownership rules), decided on the views' own data. */
package org.hospital.query.access;
