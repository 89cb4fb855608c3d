/** Who may read which encounter or patient (CONTRACT §2 ownership rules), decided on the views' own data. */
package org.hospital.query.access;
