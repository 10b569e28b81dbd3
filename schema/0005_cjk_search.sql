-- SPDX-License-Identifier: ISC
-- Version 5: a second full-text index for Korean and Chinese words of two
-- characters (수소, 협약, 合作), which the trigram index of version 1 cannot
-- match. Its tokenizer, kwcjk (schema/store_cjk.c), indexes overlapping
-- character bigrams of Hangul/Han/kana runs and lower-cased words of
-- everything else; kicwatch registers it on every connection it opens.
-- Consequence: rows can be inserted into document only by kicwatch (or a
-- connection that registered kwcjk); other SQLite tools can still read
-- everything, including document_fts (trigram).
CREATE VIRTUAL TABLE document_cjk USING fts5(
  title, text,
  content='document', content_rowid='id',
  tokenize='kwcjk'
);
CREATE TRIGGER document_cjk_ai AFTER INSERT ON document BEGIN
  INSERT INTO document_cjk(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER document_cjk_ad AFTER DELETE ON document BEGIN
  INSERT INTO document_cjk(document_cjk, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER document_cjk_au AFTER UPDATE OF title, text ON document BEGIN
  INSERT INTO document_cjk(document_cjk, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO document_cjk(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
-- Documents already stored (a store created by an older kicwatch).
INSERT INTO document_cjk(document_cjk) VALUES ('rebuild');
