/**
 * The ward board (docs/board.md): the page served at {@code /} and the two reads it needs beyond the other views,
 * one tile per occupied bed ({@code GET /board}) and an encounter's trend ({@code GET /encounters/{id}/trend}).
 */
package org.hospital.query.board;
