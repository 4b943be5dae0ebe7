"Stage 1 end to end: the real backbone, real engine strokes, checkpoints that resume."
import numpy as np, pandas as pd, pytest, torch
import skimage.data
from PIL import Image
from neural_painter_x.core import SettingError, StrokeDataError
from neural_painter_x.data import generate_strokes, load_strokes
from neural_painter_x.perceptual import load_efficientnet_lite0, Backbone, FeatureLoss, IMAGENET_MEAN, IMAGENET_STD
from neural_painter_x.training import CheckpointError, load_checkpoint
from neural_painter_x.generator import StrokeGenerator, pretrain_generator, load_generator, fidelity

def imagenet_input(img, size=224):
    im = Image.fromarray(img); w, h = im.size; s = 256 / min(w, h)
    im = im.resize((round(w * s), round(h * s)), Image.BILINEAR); w, h = im.size
    im = im.crop(((w - size) // 2, (h - size) // 2, (w - size) // 2 + size, (h - size) // 2 + size))
    x = torch.from_numpy(np.array(im)).permute(2, 0, 1).float() / 255
    return ((x - torch.tensor(IMAGENET_MEAN)[:, None, None]) / torch.tensor(IMAGENET_STD)[:, None, None])[None]

def test_backbone_weights_are_real_imagenet_weights():
    "The shipped EfficientNet-Lite0 weights recognise real photos: they are not random or misloaded."
    net = load_efficientnet_lite0()
    with torch.no_grad(): top = {n: net(imagenet_input(getattr(skimage.data, n)())).topk(5).indices[0].tolist()
                                 for n in ('chelsea', 'coffee', 'rocket')}
    assert 281 <= top['chelsea'][0] <= 285, top      # a cat (tabby ... Egyptian cat)
    assert top['coffee'][0] == 967 and top['rocket'][0] == 657, top   # espresso, missile
    assert 285 in top['chelsea'], top

@pytest.fixture(scope='module')
def strokes(engine, tmp_path_factory):
    d = tmp_path_factory.mktemp('strokes')
    generate_strokes(d, n=900, shard_size=450, seed=4, margin=0, progress=False)   # cut strokes (64 px): the checkpoint logic, fast
    return load_strokes(d)

def test_whole_strokes_generator_learns(engine, tmp_path):
    "A generator of whole strokes (96 px: the default margin of 16) is sized from its data and learns them."
    generate_strokes(tmp_path/'d', n=900, shard_size=900, seed=4, progress=False)
    s = load_strokes(tmp_path/'d'); train, held = s[:-150], s[-150:]
    torch.manual_seed(42)
    init = fidelity(StrokeGenerator(nf=16, size=96), held)
    learn = pretrain_generator(train, tmp_path/'r', epochs=2, lr=3e-3, bs=32, nf=16, loss='pixel', progress=False)
    assert learn.model.size == 96 and learn.model.margin == 16 and load_generator(tmp_path/'r'/'generator.pth').size == 96
    after = fidelity(learn.model, held)
    assert after['l1'] < init['l1'] / 3 and after['mse'] < init['mse'] / 3, (init, after)
    with pytest.raises(SettingError, match='draws 64-px strokes but the held-out data holds 96-px'): fidelity(StrokeGenerator(nf=16), held)

def test_stage1_learns_checkpoints_and_resumes(strokes, tmp_path):
    train, held = strokes[:-150], strokes[-150:]
    torch.manual_seed(42)
    init = fidelity(StrokeGenerator(nf=16), held)
    learn = pretrain_generator(train, tmp_path, epochs=2, lr=3e-3, bs=32, nf=16, loss='feature', progress=False)
    after = fidelity(learn.model, held)
    assert after['l1'] < init['l1'] / 3 and after['mse'] < init['mse'] / 3, (init, after)
    log = pd.read_csv(tmp_path/'generator.csv')
    assert log['epoch'].tolist() == [0, 1] and log['valid_loss'].iloc[1] < log['valid_loss'].iloc[0]
    assert {'mae', 'mse', 'ssim', 'pixel', 'feat'} <= set(log.columns)
    assert (tmp_path/'generator.png').stat().st_size > 1000
    ck = load_checkpoint(tmp_path/'generator.pth')
    assert ck['epoch'] == 1 and ck['config']['nf'] == 16 and ck['loss']['scales'].gt(0).all()
    # the stored generator is the trained one
    g = load_generator(tmp_path/'generator.pth')
    a = torch.from_numpy(held.actions[:8])
    with torch.no_grad(): assert torch.allclose(g(a), learn.model.eval()(a), atol=1e-6)
    # asking for a third epoch resumes from the checkpoint: one more row, same scales
    learn2 = pretrain_generator(train, tmp_path, epochs=3, lr=3e-3, bs=32, nf=16, loss='feature', progress=False)
    assert pd.read_csv(tmp_path/'generator.csv')['epoch'].tolist() == [0, 1, 2]
    assert torch.equal(learn2.loss_func.scales, ck['loss']['scales'])
    assert load_checkpoint(tmp_path/'generator.pth')['epoch'] == 2
    # a finished run does nothing
    before = (tmp_path/'generator.pth').stat().st_mtime_ns
    pretrain_generator(train, tmp_path, epochs=3, lr=3e-3, bs=32, nf=16, loss='feature', progress=False)
    assert (tmp_path/'generator.pth').stat().st_mtime_ns == before

def test_pixel_loss_and_fine_tuning(strokes, tmp_path):
    pretrain_generator(strokes[:300], tmp_path/'a', epochs=1, bs=32, nf=24, loss='pixel', progress=False)
    learn = pretrain_generator(strokes[300:600], tmp_path/'b', epochs=1, bs=32, loss='pixel', init=tmp_path/'a'/'generator.pth', progress=False)
    assert learn.model.config['nf'] == 24          # the fine-tuned generator keeps the shape of the one it started from (default 16)
    assert load_checkpoint(tmp_path/'b'/'generator.pth')['config']['init'].endswith('generator.pth')

def test_bad_inputs(strokes, tmp_path):
    with pytest.raises(StrokeDataError, match='does not exist'): pretrain_generator(tmp_path/'none', tmp_path/'o')
    with pytest.raises(CheckpointError, match='does not exist'): pretrain_generator(strokes[:100], tmp_path/'o', init=tmp_path/'x.pth')
    with pytest.raises(SettingError, match="loss must be one of pixel, feature, early"): pretrain_generator(strokes[:100], tmp_path/'o', loss='l2')
    pretrain_generator(strokes[:100], tmp_path/'r', epochs=1, bs=32, nf=16, loss='pixel', progress=False)
    with pytest.raises(CheckpointError, match=r"nf=16 \(asked 32\)"):
        pretrain_generator(strokes[:100], tmp_path/'r', epochs=2, bs=32, nf=32, loss='pixel', progress=False)
    (tmp_path/'bad.pth').write_bytes(b'not a checkpoint')
    with pytest.raises(CheckpointError, match='not a readable checkpoint'): load_generator(tmp_path/'bad.pth')

@pytest.fixture(scope='module')
def whole(engine, tmp_path_factory):
    d = tmp_path_factory.mktemp('whole')
    generate_strokes(d, n=700, shard_size=700, seed=6, progress=False)   # whole strokes, 96 px
    return load_strokes(d)

@pytest.mark.parametrize('up,path', [('transpose', True), ('resize_last', True), ('blur', True), ('resize', False), ('shuffle', False)])
def test_each_architecture_learns_and_resumes(whole, tmp_path, up, path):
    "Every upsampling, with and without the path planes, learns real strokes on tiny data and resumes from its checkpoint."
    train, held = whole[:-100], whole[-100:]
    torch.manual_seed(0)
    init = fidelity(StrokeGenerator(nf=8, size=96, up=up, path=path), held)
    learn = pretrain_generator(train, tmp_path, epochs=1, lr=1e-2, bs=32, nf=8, up=up, path=path, progress=False)
    after = fidelity(learn.model, held)
    assert after['l1'] < init['l1'] / 2, (init, after)
    assert load_checkpoint(tmp_path/'generator.pth')['config']['up'] == up
    learn = pretrain_generator(train, tmp_path, epochs=2, lr=1e-2, bs=32, nf=8, up=up, path=path, progress=False)  # one more epoch, resumed
    assert pd.read_csv(tmp_path/'generator.csv')['epoch'].tolist() == [0, 1]
    g = load_generator(tmp_path/'generator.pth')
    assert g.config.get('up', 'transpose') == up and g.config.get('path', False) == path
    with torch.no_grad(): assert torch.allclose(g(torch.from_numpy(held.actions[:4])), learn.model.eval()(torch.from_numpy(held.actions[:4])), atol=1e-6)
    with pytest.raises(CheckpointError, match='trained with'):
        pretrain_generator(train, tmp_path, epochs=3, bs=32, nf=8, up='transpose' if up != 'transpose' else 'resize', progress=False)

def test_memory_mapped_shards_train(whole, tmp_path):
    "Memory-mapped shards give the same batches as shards read into memory."
    from neural_painter_x.data import save_shard, ShardedArray
    from neural_painter_x.training import stroke_dls
    save_shard(tmp_path/'episodes_0.npz', whole[:300]); save_shard(tmp_path/'episodes_1.npz', whole[300:])
    m = load_strokes(tmp_path, mmap=True)
    assert isinstance(m.strokes, ShardedArray)
    a, b = (stroke_dls(d, bs=16, seed=1) for d in (m, whole))
    for (xa, ya), (xb, yb) in zip(a.valid, b.valid): assert torch.equal(xa, xb) and torch.equal(ya, yb)   # the same split, the same strokes
    rows = [5, 299, 300, 600, 0]                                                                       # positions in the training split: rows of both shards, in any order
    for x, y in zip(a.train.create_batch(rows), b.train.create_batch(rows)): assert torch.equal(x, y)

def test_early_feature_loss_learns_and_gan_mode_keeps_it(whole, tmp_path):
    "The feature loss on early activations trains a generator, and GAN mode rebuilds that loss with its weights and scales."
    from neural_painter_x.critic import pretrain_critic
    from neural_painter_x.gan import train_gan
    train, held = whole[:-100], whole[-100:]
    torch.manual_seed(0)
    init = fidelity(StrokeGenerator(nf=8, size=96), held)
    learn = pretrain_generator(train, tmp_path, epochs=1, lr=1e-2, bs=32, nf=8, loss='early', feat_wt=.1, gram_wt=.1, progress=False)
    after = fidelity(learn.model, held)
    assert after['l1'] < init['l1'] / 2, (init, after)
    ck = load_checkpoint(tmp_path/'generator.pth')
    assert ck['config']['loss'] == 'early' and ck['config']['loss_wts'] == dict(feat_wt=.1, gram_wt=.1)
    assert {'pixel', 'feat', 'gram'} <= set(pd.read_csv(tmp_path/'generator.csv').columns)
    pretrain_critic(train[:200], tmp_path, epochs=1, bs=32, nf=8, patch=True, progress=False)
    gan = train_gan(train[:200], tmp_path, epochs=1, bs=32, progress=False)
    lf = gan.loss_func.gen_loss_func.content_loss
    assert isinstance(lf, FeatureLoss) and lf.channel_norm and (lf.feat_wt, lf.gram_wt) == (.1, .1)
    assert torch.equal(lf.scales, ck['loss']['scales'])                    # the same normalised loss as stage 1
