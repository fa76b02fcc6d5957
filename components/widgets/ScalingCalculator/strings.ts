// Every word ScalingCalculator shows, in both languages (written for each, not translated line by line).
import { PLACEHOLDER } from './placeholder';

const fmtRatio = (r: number) => (r >= 10 ? r.toFixed(0) : r.toFixed(1));

export const STRINGS = {
  en: {
    ...PLACEHOLDER.en,
    budget: 'Budget as',
    budgets: { flops: 'FLOPs', 'gpu-hours': 'GPU-hours', dollars: 'Dollars' },
    flops: 'Training compute',
    flopsUnit: 'FLOPs',
    gpu: 'Accelerator',
    gpuOption: (name: string, peak: string, precision: string) => `${name} — ${peak} ${precision}`,
    gpuHours: 'GPU-hours',
    gpuHoursUnit: 'GPU-h',
    mfu: 'Utilisation (MFU)',
    mfuHint: 'Share of peak FLOP/s a real run achieves; 30–50 % is typical for large dense models.',
    dollars: 'Budget',
    dollarsUnit: 'US $',
    price: 'Price',
    priceUnit: '$ / GPU-hour',
    approach: 'Chinchilla approach',
    approaches: { '1': '1: training curves (Table 3)', '2': '2: IsoFLOP profiles (Table A3)', '3': '3: parametric fit (Table A3)' },
    presets: 'Budgets of',
    formula: 'Budget',
    kaplan: 'Kaplan et al. 2020',
    chinchilla: (a: string) => `Chinchilla, approach ${a}`,
    rows: { params: 'Parameters', tokens: 'Training tokens', ratio: 'Tokens per parameter', loss: 'Predicted loss' },
    lossUnit: 'nats/token',
    kaplanParamsNote: 'N without embeddings',
    disagree: (paramsRatio: number, tokensRatio: number) =>
      paramsRatio >= 1.25
        ? `The laws disagree: Kaplan puts ${fmtRatio(paramsRatio)}× more parameters into the model and trains it on ${fmtRatio(tokensRatio)}× fewer tokens. Kaplan grows N as C^0.73; Chinchilla grows N and D about equally (C^0.50 each).`
        : paramsRatio > 0.8
          ? 'At this budget the two laws nearly agree: their frontiers cross near 1e20 FLOPs. Above it, Kaplan’s N ∝ C^0.73 pulls away from Chinchilla’s C^0.50 — try a larger budget.'
          : `Below ≈ 1e20 FLOPs Kaplan’s model is the smaller one, by ${fmtRatio(1 / paramsRatio)}×; above it, Kaplan’s N ∝ C^0.73 overtakes Chinchilla’s C^0.50.`,
    printed: (n: string, ratio: string) =>
      `Chinchilla's printed constants (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28), minimised directly, give ${n} parameters at ${ratio} tokens each — not the 20 of the rule of thumb, which comes from approach 1's table. The ratio grows with the budget (≈ 50 at 1e21 FLOPs); a refit by Besiroglu et al. (2024) brings it back to ≈ 20.`,
    lossNote: 'The two losses are not comparable: Kaplan measured WebText2 with GPT-2’s tokenizer, Chinchilla MassiveText with its own. Kaplan counts non-embedding parameters, Chinchilla all of them.',
    chartLabel: (n: string, d: string) => `Parameters against training tokens, log–log; Chinchilla recommends ${n} parameters on ${d} tokens`,
    xAxis: 'parameters N',
    yAxis: 'training tokens D',
    legend: { kaplan: 'Kaplan frontier', chinchilla: 'Chinchilla frontier', iso: 'same budget (6ND = C)', models: 'published models', pickK: 'Kaplan’s pick', pickC: 'Chinchilla’s pick', twenty: '20 tokens / parameter' },
    clickHint: 'Click a model to use its budget (6 × N × D).',
    fromModel: (name: string, flops: string) => `${name}: 6 × N × D = ${flops} FLOPs`,
    stepKey: 'next Chinchilla approach',
  },
  zh: {
    ...PLACEHOLDER.zh,
    budget: '预算单位',
    budgets: { flops: 'FLOPs', 'gpu-hours': 'GPU 小时', dollars: '美元' },
    flops: '训练算力',
    flopsUnit: 'FLOPs',
    gpu: '加速卡',
    gpuOption: (name: string, peak: string, precision: string) => `${name}——${peak} ${precision}`,
    gpuHours: 'GPU 小时数',
    gpuHoursUnit: 'GPU·时',
    mfu: '利用率（MFU）',
    mfuHint: '真实训练能跑出的峰值算力占比；大型稠密模型一般在 30%–50%。',
    dollars: '预算',
    dollarsUnit: '美元',
    price: '单价',
    priceUnit: '美元 / GPU 小时',
    approach: 'Chinchilla 方法',
    approaches: { '1': '方法一：训练曲线（表 3）', '2': '方法二：等算力剖面（表 A3）', '3': '方法三：参数化拟合（表 A3）' },
    presets: '套用预算',
    formula: '预算',
    kaplan: 'Kaplan 等，2020',
    chinchilla: (a: string) => `Chinchilla，方法${'一二三'[Number(a) - 1]}`,
    rows: { params: '参数量', tokens: '训练词元', ratio: '每个参数的词元数', loss: '预测损失' },
    lossUnit: 'nats/词元',
    kaplanParamsNote: 'N 不含嵌入层',
    disagree: (paramsRatio: number, tokensRatio: number) =>
      paramsRatio >= 1.25
        ? `两条定律在这里分歧明显：Kaplan 建议的参数量是 Chinchilla 的 ${fmtRatio(paramsRatio)} 倍，训练词元却只有后者的 1/${fmtRatio(tokensRatio)}。Kaplan 让 N 按 C^0.73 增长，Chinchilla 则让 N 和 D 大致同速增长（各约 C^0.50）。`
        : paramsRatio > 0.8
          ? '在这个预算下两条定律几乎一致：两条前沿在 1e20 FLOPs 附近相交。预算再大，Kaplan 的 N ∝ C^0.73 就会甩开 Chinchilla 的 C^0.50——试试更大的预算。'
          : `低于约 1e20 FLOPs 时，反而是 Kaplan 的模型更小，只有 Chinchilla 的 1/${fmtRatio(1 / paramsRatio)}；超过这个预算，Kaplan 的 N ∝ C^0.73 就会反超 Chinchilla 的 C^0.50。`,
    printed: (n: string, ratio: string) =>
      `若直接用论文正文印出的常数（E 1.69、A 406.4、B 410.7、α 0.34、β 0.28）求最优，得到 ${n} 参数、每个参数 ${ratio} 个词元——并不是经验法则里的 20。“20 比 1”来自方法一的表格；这个比值还会随预算变大（1e21 FLOPs 时约 50）。Besiroglu 等（2024）重新拟合后，比值又回到 20 左右。`,
    lossNote: '两列损失不能直接比较：Kaplan 在 WebText2 上用 GPT-2 分词器测量，Chinchilla 在 MassiveText 上用自己的分词器。Kaplan 的参数量不含嵌入层，Chinchilla 的含。',
    chartLabel: (n: string, d: string) => `参数量对训练词元的双对数图；Chinchilla 建议 ${n} 参数、${d} 词元`,
    xAxis: '参数量 N',
    yAxis: '训练词元 D',
    legend: { kaplan: 'Kaplan 前沿', chinchilla: 'Chinchilla 前沿', iso: '同一预算（6ND = C）', models: '已发表的模型', pickK: 'Kaplan 的建议', pickC: 'Chinchilla 的建议', twenty: '每参数 20 词元' },
    clickHint: '点击某个模型，即可套用它的预算（6 × N × D）。',
    fromModel: (name: string, flops: string) => `${name}：6 × N × D = ${flops} FLOPs`,
    stepKey: '切换 Chinchilla 方法',
  },
};
