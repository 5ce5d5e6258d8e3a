ALTER TABLE "playbook_methods" ADD COLUMN "action_phrase_en" text;--> statement-breakpoint
ALTER TABLE "playbook_methods" ADD COLUMN "action_phrase_sv" text;--> statement-breakpoint
-- hand-written:
-- The default methods an organization still has under their original name get the default's action
-- phrase in that language; renamed or own methods keep none, and their titles use the name.
UPDATE playbook_methods m SET action_phrase_en = d.phrase
FROM (VALUES
  ('USP analysis', 'Run a USP analysis'),
  ('Consultative selling', 'Hold a consultative needs meeting'),
  ('The five product levels (Kotler & Keller)', 'Go through the offer''s five product levels'),
  ('Customer-service mindset', 'Review the service through the customer''s eyes'),
  ('Customer experience mapping', 'Map the customer experience'),
  ('Value chain analysis', 'Run a value chain analysis'),
  ('RATER service-quality model', 'Rate the service with the RATER model'),
  ('Kaizen', 'Start a Kaizen improvement round'),
  ('Problem-solving process (Simplex)', 'Solve a business problem using Simplex'),
  ('Consensus-oriented decision-making (Hartnett)', 'Lead a consensus decision'),
  ('Building trustworthy relationships', 'Build a relationship of trust'),
  ('Working with top management', 'Hold a strategy review with top management'),
  ('Becoming an expert in the customer''s industry', 'Get to know the customer''s industry in depth')
) AS d(name, phrase)
WHERE m.name_en = d.name AND m.action_phrase_en IS NULL;--> statement-breakpoint
UPDATE playbook_methods m SET action_phrase_sv = d.phrase
FROM (VALUES
  ('USP-analys', 'Gör en USP-analys'),
  ('Rådgivande försäljning', 'Håll ett rådgivande behovsmöte'),
  ('Produktens fem nivåer (Kotler & Keller)', 'Gå igenom erbjudandets fem produktnivåer'),
  ('Kundservice som förhållningssätt', 'Granska servicen med kundens ögon'),
  ('Kartläggning av kundupplevelsen', 'Kartlägg kundupplevelsen'),
  ('Värdekedjeanalys', 'Gör en värdekedjeanalys'),
  ('RATER-modellen för servicekvalitet', 'Bedöm servicen enligt RATER-modellen'),
  ('Kaizen (ständiga förbättringar)', 'Starta en förbättringsrunda enligt Kaizen'),
  ('Problemlösningsprocessen (Simplex)', 'Lös ett affärsproblem enligt Simplex'),
  ('Konsensusorienterat beslutsfattande (Hartnett)', 'Led ett gemensamt beslut i konsensus'),
  ('Bygga förtroendefulla relationer', 'Bygg en förtroendefull relation'),
  ('Arbeta med högsta ledningen', 'Håll en strategigenomgång på ledningsnivå'),
  ('Bli expert på kundens bransch', 'Fördjupa dig i kundens bransch')
) AS d(name, phrase)
WHERE m.name_sv = d.name AND m.action_phrase_sv IS NULL;
