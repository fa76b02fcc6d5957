// Builds the English alignment datasets for the en-shakespeare character model, byte for byte:
//   content/datasets/english-sft.jsonl         {"prompt": title, "response": a rhyming couplet}
//   content/datasets/english-preference.jsonl  {"prompt", "chosen": the couplet, "rejected": the same couplet, each line's last word dropped}
// The couplets below were written for this book (not copied). Every character must be in the
// model's vocabulary (tiny-shakespeare has no Q, Z, digits or quotes) and each formatted example
// ("USER: <title>\nPOET: <couplet>\n\n") must fit the model's context of 64 (65 tokens).
// Usage: node scripts/prepare-english-alignment-data.mjs   (no arguments, no network)
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const COUPLETS = `
Rain | Soft rain on the hill,|and the mill is still.
Snow | White snow on the gate,|and the hour is late.
Moon | The moon on the sea|is silver to me.
Dawn | The dawn is grey,|then gold, then day.
Night | The night comes in,|the stars begin.
River | The river runs slow|where the willows grow.
Winter | Cold wind at the door,|ash on the floor.
Spring | The lambs are new,|the sky is blue.
Summer | Long days of sun,|and the hay is done.
Autumn | The leaves turn red,|the swallows have fled.
Home | A fire, a chair,|and a friend there.
Sleep | Close your eyes,|the dark is wise.
War | The drums are loud,|the dead lie proud.
Peace | The sword is down,|the bells ring in town.
Love | My heart is thine,|and thy heart mine.
Grief | I weep alone|beside the stone.
Hope | Though the night be long,|the lark has a song.
Time | The clock will run,|and all be done.
The sea | Grey waves on the shore,|the old roar.
The king | The king is old,|his crown is cold.
The queen | The queen rides by|with a proud eye.
A ship | The ship sails west|to find its rest.
A rose | A rose in May|will fade away.
A crow | A black crow calls|from the castle walls.
The bell | The bell tolls nine,|the night is mine.
Stars | The stars are bright|on a frosty night.
Fire | The fire is red,|go warm to bed.
Wind | The wind will blow|where the wild geese go.
Bread | Warm bread and wine|for a friend of mine.
A letter | I send this line|to say I am thine.
The road | The road is long,|so sing a song.
Morning | The cock will crow,|and up we go.
Evening | The sun is low,|the cattle slow.
A garden | Sweet herbs and bees|beneath the trees.
The hills | Green hills, sheep,|the valley deep.
The town | The town is loud|with a market crowd.
A storm | The thunder rolls,|the church bell tolls.
A candle | A candle burns|till the dawn returns.
Silence | No word, no sound,|but the turning ground.
My lady | Her eyes are kind,|she fills my mind.
A soldier | He marched away|one April day.
The harvest | The corn is cut,|the barn door shut.
A dream | I dreamed of thee|beneath a tree.
Old age | My hair is white,|my step is light.
Youth | Young blood is hot,|and care is not.
The forest | Dark oaks stand tall|and shadows fall.
Sorrow | My song is sad,|for joy I had.
Joy | Sing high, sing loud,|above the crowd.
A bird | A bird on the bough|sings sweetly now.
The clock | Tick, tick, the clock|beside the lock.
A horse | The horse runs free|across the lea.
Gold | Gold in the hand|buys house and land.
A crown | The crown is gold,|the head is old.
The tower | The tower is high,|it talks with the sky.
Tears | My tears run down|on my mourning gown.
A kiss | One kiss, one sigh,|and then goodbye.
Friends | Good friends are few,|but good and true.
The wolf | The wolf at the door|will come no more.
A mirror | The glass will show|what I would not know.
Honour | Keep honour bright,|and sleep at night.
Music | A lute, a lay,|and care away.
A feast | Bring meat and wine,|the feast is fine.
Fortune | Her wheel will turn,|and we will learn.
The grave | The grave is deep,|and long the sleep.
A journey | Over field and ford|I ride to my lord.
The stream | The stream is clear|all the year.
A fool | The fool will sing|before the king.
The shepherd | He counts his sheep|and falls asleep.
A heart | A heart of stone|will die alone.
Blood | Blood on the blade,|the price is paid.
Mercy | Mercy is sweet|as the rain on wheat.
A promise | I swear it true|by the sky so blue.
The ocean | The ocean wide|has a restless tide.
Courage | Stand fast, be strong,|the fight is long.
A painter | With brush in hand|he paints the land.
The city | The city sleeps,|the watchman keeps.
A widow | She walks in black|and looks not back.
The mountain | The mountain stands|above the lands.
Dusk | The light is thin,|the bats come in.
A secret | I will not tell|what I know well.
The tavern | Ale and song|the whole night long.
A lark | The lark on high|sings to the sky.
The past | The years have flown|like seed sown.
A prayer | Lord, hear my plea,|and pity me.
Frost | The frost is white|on the fields tonight.
The wheel | Round goes the wheel,|grinding the meal.
A stranger | A stranger came|and told no name.
The orchard | The apples fall|by the orchard wall.
Glory | The glory fades,|like the summer glades.
A tailor | He cuts, he sews,|his candle glows.
Memory | I keep the day|when you went away.
A bride | The bride is fair,|with flowers there.
Thunder | The thunder speaks|from the mountain peaks.
The dog | The dog will bark|when the house is dark.
A lover | Come, love, come near,|the night is clear.
Dreams | In dreams we fly|across the sky.
The well | Drop a stone, and hark:|the well is dark.
The duke | The duke is proud,|he speaks aloud.
Lies | A lie will spread|till truth is dead.
Truth | The truth will stand|in every land.
A boat | The little boat|is still afloat.
The lamp | Trim the lamp,|the night is damp.
A crowd | The crowd will cheer,|then disappear.
Shadows | Long shadows creep|while children sleep.
The miller | The miller's wheel|grinds corn to meal.
A feather | A feather flies|in the windy skies.
Wine | Red wine, red wine,|a cup of thine.
The gate | Shut the gate,|the hour is late.
Children | The children play|the livelong day.
`;

const sft = COUPLETS.trim().split('\n').map((line) => {
  const [title, poem] = line.split(' | ');
  return { prompt: title.trim(), response: poem.trim().split('|').join('\n') };
});

const vocab = new Set(JSON.parse(readFileSync('public/checkpoints/en-shakespeare/model.json', 'utf8')).tokenizer.chars);
const titles = new Set();
const problems = [];
for (const { prompt, response } of sft) {
  const text = `USER: ${prompt}\nPOET: ${response}\n\n`;
  const bad = [...text].filter((c) => !vocab.has(c));
  if (bad.length) problems.push(`"${prompt}": characters outside the en-shakespeare vocabulary: ${[...new Set(bad)].join(' ')}`);
  if (text.length > 65) problems.push(`"${prompt}": ${text.length} characters; the context of 64 fits 65`);
  if (response.split('\n').length !== 2) problems.push(`"${prompt}": a couplet has two lines`);
  if (titles.has(prompt)) problems.push(`"${prompt}" twice`);
  titles.add(prompt);
}
if (problems.length) throw new Error(problems.join('\n'));

/** The rejected answer: the same couplet with each line's last word dropped (its rhyme word). */
const dropLastWord = (poem) => poem.split('\n').map((l) => l.replace(/\s*[\w']+([^\w']*)$/u, '$1')).join('\n');
// Preference: every other couplet (odd positions), so the two sets share no pair, as in the Tang sets.
const preference = sft.filter((_, i) => i % 2 === 1).map(({ prompt, response }) => ({ prompt, chosen: response, rejected: dropLastWord(response) }));

const write = (path, rows) => {
  const text = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(path, text);
  console.log(`${path}: ${rows.length} rows, sha256 ${createHash('sha256').update(text).digest('hex')}`);
};
write('content/datasets/english-sft.jsonl', sft);
write('content/datasets/english-preference.jsonl', preference);
