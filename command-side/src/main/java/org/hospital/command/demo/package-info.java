/** Demo accounts, rooms, patients and a device key for the one-command local run (profile {@code demo} only). */
package org.hospital.command.demo;
